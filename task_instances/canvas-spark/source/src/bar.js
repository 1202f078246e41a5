/* spark-canvas: bar sparklines. */
(function (root) {
  'use strict';

  var S = root.SparkCanvas = root.SparkCanvas || {};

  S.BAR_DEFAULTS = {
    barColor: '#4e79a7',
    negativeColor: '#e15759',
    gap: 1,
    min: null,
    max: null,
    zeroLine: null
  };

  /**
   * Draws one bar per value, side by side over the whole width, each standing
   * on the zero line. Values that are not finite numbers leave an empty slot.
   * Returns the bars in CSS pixels: [{x, y, width, height, value, index}].
   */
  S.barSparkline = function (canvas, values, options) {
    var o = S.resolveOptions(S.BAR_DEFAULTS, options);
    var surface = S.setupCanvas(canvas, o);
    var ctx = surface.ctx;
    var width = surface.width;
    var height = surface.height;
    var bars = [];
    surface.bars = bars;
    if (!values.length) return surface;

    var domain = S.domainFor(values, { includeZero: true, min: o.min, max: o.max });
    var y = S.linear(domain, [height, 0]);
    var zero = y(S.clamp(0, domain[0], domain[1]));
    var slot = width / values.length;
    var barWidth = Math.max(1, slot - o.gap);

    for (var i = 0; i < values.length; i++) {
      var v = values[i];
      if (!S.isFiniteNumber(v)) continue;
      var top = y(Math.abs(v));
      var bar = {
        x: i * slot + (slot - barWidth) / 2,
        y: top,
        width: barWidth,
        height: zero - top,
        value: v,
        index: i
      };
      ctx.fillStyle = v < 0 ? o.negativeColor : o.barColor;
      ctx.fillRect(bar.x, bar.y, bar.width, bar.height);
      bars.push(bar);
    }

    if (o.zeroLine) {
      ctx.fillStyle = o.zeroLine;
      ctx.fillRect(0, Math.min(Math.floor(zero), height - 1), width, 1);
    }
    return surface;
  };
})(typeof self !== 'undefined' ? self : this);
