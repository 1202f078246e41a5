/* spark-canvas: min / max / last markers on line sparklines. */
(function (root) {
  'use strict';

  var S = root.SparkCanvas = root.SparkCanvas || {};

  /** Indexes (into `values`) of the first smallest and the first largest finite value. */
  S.findExtremes = function (values) {
    var minIndex = -1;
    var maxIndex = -1;
    for (var i = 0; i < values.length; i++) {
      var v = values[i];
      if (!S.isFiniteNumber(v)) continue;
      if (minIndex < 0 || v < values[minIndex]) minIndex = i;
      if (maxIndex < 0 || v > values[maxIndex]) maxIndex = i;
    }
    return { minIndex: minIndex, maxIndex: maxIndex };
  };

  function dot(ctx, x, y, radius, color) {
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, Math.PI * 2);
    ctx.fillStyle = color;
    ctx.fill();
  }

  /**
   * Draws the markers switched on in `options.markers` over the line's points
   * ([{x, y, value}] as returned by sparkline). Returns what was drawn.
   */
  S.drawMarkers = function (ctx, points, options) {
    var o = options;
    var m = o.markers || {};
    var drawn = [];
    if (!points.length) return drawn;
    var ext = S.findExtremes(points.map(function (p) { return p.value; }));
    var low = points[ext.minIndex];
    var high = points[ext.maxIndex];
    var last = points[points.length - 1];

    if (m.last) {
      dot(ctx, last.x, last.y, o.markerRadius, o.lastColor);
      drawn.push({ kind: 'last', x: last.x, y: last.y });
    }
    if (m.max) {
      dot(ctx, high.x, high.y, o.markerRadius, o.maxColor);
      drawn.push({ kind: 'max', x: high.x, y: high.y });
    }
    if (m.min) {
      dot(ctx, low.x, high.y, o.markerRadius, o.minColor);
      drawn.push({ kind: 'min', x: low.x, y: high.y });
    }
    return drawn;
  };
})(typeof self !== 'undefined' ? self : this);
