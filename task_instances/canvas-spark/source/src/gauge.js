/* spark-canvas: semicircle gauges. */
(function (root) {
  'use strict';

  var S = root.SparkCanvas = root.SparkCanvas || {};

  S.GAUGE_DEFAULTS = {
    min: 0,
    max: 100,
    thickness: 12,
    trackColor: '#e3e3e3',
    valueColor: '#f28e2b',
    knob: true,
    knobColor: '#ffffff',
    label: true,
    labelColor: '#333333',
    font: 'bold 18px sans-serif',
    rangeLabels: true,
    rangeFont: '11px sans-serif',
    rangeColor: '#777777',
    format: null
  };

  /**
   * The angle (canvas radians, clockwise from 3 o'clock) of a point on the
   * dial, for `fraction` 0 (the min end) to 1 (the max end).
   */
  S.dialAngle = function (fraction) {
    return -Math.PI * fraction;
  };

  /**
   * Geometry of a gauge in a `width` x `height` box: centre, radius of the
   * middle of the ring, and its thickness. The dial is the upper half of the
   * ring, with room for the range labels under its ends.
   */
  S.gaugeLayout = function (width, height, options) {
    var o = options || S.GAUGE_DEFAULTS;
    var labelRoom = o.rangeLabels ? 16 : 2;
    var outer = Math.max(1, Math.min(width / 2 - 2, height - labelRoom - 2));
    var thickness = Math.min(o.thickness, outer);
    return {
      cx: width / 2,
      cy: 2 + outer,
      radius: outer - thickness / 2,
      thickness: thickness
    };
  };

  function formatValue(value, o) {
    if (typeof o.format === 'function') return String(o.format(value));
    return String(Math.round(value * 10) / 10);
  }

  /**
   * Draws `value` (between options.min and options.max) on a semicircle dial
   * that fills from its left end (min) to its right end (max).
   */
  S.gauge = function (canvas, value, options) {
    var o = S.resolveOptions(S.GAUGE_DEFAULTS, options);
    var surface = S.setupCanvas(canvas, o);
    var ctx = surface.ctx;
    var g = S.gaugeLayout(surface.width, surface.height, o);
    var span = o.max - o.min || 1;
    var v = S.isFiniteNumber(value) ? value : o.min;
    var fraction = S.clamp((v - o.min) / span, 0, 1);
    var angle = S.dialAngle(fraction);

    ctx.lineWidth = g.thickness;
    ctx.lineCap = 'butt';

    ctx.beginPath();
    ctx.arc(g.cx, g.cy, g.radius, 0, -Math.PI, true);
    ctx.strokeStyle = o.trackColor;
    ctx.stroke();

    if (fraction > 0) {
      ctx.beginPath();
      ctx.arc(g.cx, g.cy, g.radius, 0, angle, true);
      ctx.strokeStyle = o.valueColor;
      ctx.stroke();
    }

    var knob = {
      x: g.cx + g.radius * Math.cos(angle),
      y: g.cy + g.radius * Math.sin(angle)
    };
    if (o.knob) {
      ctx.beginPath();
      ctx.arc(knob.x, knob.y, g.thickness / 2 - 2, 0, Math.PI * 2);
      ctx.fillStyle = o.knobColor;
      ctx.fill();
    }

    ctx.textAlign = 'center';
    if (o.label) {
      ctx.font = o.font;
      ctx.fillStyle = o.labelColor;
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(formatValue(v, o), g.cx, g.cy - 2);
    }
    if (o.rangeLabels) {
      ctx.font = o.rangeFont;
      ctx.fillStyle = o.rangeColor;
      ctx.textBaseline = 'top';
      ctx.fillText(formatValue(o.min, o), g.cx - g.radius, g.cy + 3);
      ctx.fillText(formatValue(o.max, o), g.cx + g.radius, g.cy + 3);
    }

    surface.gauge = { cx: g.cx, cy: g.cy, radius: g.radius, thickness: g.thickness,
      fraction: fraction, angle: angle, knob: knob };
    return surface;
  };
})(typeof self !== 'undefined' ? self : this);
