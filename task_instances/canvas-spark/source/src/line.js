/* spark-canvas: line sparklines. */
(function (root) {
  'use strict';

  var S = root.SparkCanvas = root.SparkCanvas || {};

  S.LINE_DEFAULTS = {
    lineColor: '#1f77b4',
    lineWidth: 1.5,
    fillColor: null,
    min: null,
    max: null,
    markers: { min: true, max: true, last: false },
    markerRadius: 2.5,
    minColor: '#d62728',
    maxColor: '#2ca02c',
    lastColor: '#1f77b4'
  };

  function anyMarker(markers) {
    return !!(markers && (markers.min || markers.max || markers.last));
  }

  /**
   * Draws `values` as a line across the whole canvas. Values that are not
   * finite numbers (null, NaN) leave a gap. Returns the drawn points in CSS
   * pixels: [{x, y, value, index}].
   */
  S.sparkline = function (canvas, values, options) {
    var o = S.resolveOptions(S.LINE_DEFAULTS, options);
    var surface = S.setupCanvas(canvas, o);
    var ctx = surface.ctx;
    var width = surface.width;
    var height = surface.height;

    // keep the stroke and the marker dots inside the canvas
    var pad = Math.max(o.lineWidth / 2, anyMarker(o.markers) ? o.markerRadius : 0) + 0.5;
    var domain = S.domainFor(values, { min: o.min, max: o.max });
    var x = S.linear([0, Math.max(values.length - 1, 1)], [pad, width - pad]);
    var y = S.linear(domain, [height - pad, pad]);

    var points = [];
    for (var i = 0; i < values.length; i++) {
      if (!S.isFiniteNumber(values[i])) continue;
      points.push({ x: x(i), y: y(values[i]), value: values[i], index: i });
    }
    surface.points = points;
    if (!points.length) return surface;

    var segments = [];
    var current = [];
    points.forEach(function (p, k) {
      if (k > 0 && p.index !== points[k - 1].index + 1) {
        segments.push(current);
        current = [];
      }
      current.push(p);
    });
    segments.push(current);

    if (o.fillColor) {
      var base = y(S.clamp(0, domain[0], domain[1]));
      ctx.fillStyle = o.fillColor;
      segments.forEach(function (seg) {
        ctx.beginPath();
        ctx.moveTo(seg[0].x, base);
        seg.forEach(function (p) { ctx.lineTo(p.x, p.y); });
        ctx.lineTo(seg[seg.length - 1].x, base);
        ctx.closePath();
        ctx.fill();
      });
    }

    ctx.strokeStyle = o.lineColor;
    ctx.lineWidth = o.lineWidth;
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    segments.forEach(function (seg) {
      ctx.beginPath();
      ctx.moveTo(seg[0].x, seg[0].y);
      if (seg.length === 1) ctx.lineTo(seg[0].x + 0.01, seg[0].y);
      for (var k = 1; k < seg.length; k++) ctx.lineTo(seg[k].x, seg[k].y);
      ctx.stroke();
    });

    surface.markers = S.drawMarkers(ctx, points, o);
    return surface;
  };
})(typeof self !== 'undefined' ? self : this);
