/*!
 * spark-canvas — tiny sparklines, bar sparklines and gauges on <canvas>.
 * MIT licensed. Every file in src/ adds itself to the global `SparkCanvas`
 * namespace and may be loaded in any order: they only look each other up
 * when a chart is drawn.
 */
(function (root) {
  'use strict';

  var S = root.SparkCanvas = root.SparkCanvas || {};

  S.version = '1.4.0';

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  /**
   * Merges option objects from left to right into a new object. Nested plain
   * objects (like `markers`) are merged key by key, everything else replaces.
   */
  S.resolveOptions = function () {
    var out = {};
    for (var i = 0; i < arguments.length; i++) {
      var source = arguments[i];
      if (!source) continue;
      Object.keys(source).forEach(function (key) {
        var value = source[key];
        if (value === undefined) return;
        if (isPlainObject(value) && isPlainObject(out[key])) {
          out[key] = S.resolveOptions(out[key], value);
        } else if (isPlainObject(value)) {
          out[key] = S.resolveOptions(value);
        } else {
          out[key] = value;
        }
      });
    }
    return out;
  };

  /**
   * Sizes a canvas for drawing in CSS pixels: the backing store gets
   * `pixelRatio` device pixels per CSS pixel so charts stay sharp on high
   * density screens. Returns the 2D context and the size in CSS pixels.
   */
  S.setupCanvas = function (canvas, options) {
    var o = options || {};
    var width = Number(o.width) || canvas.clientWidth || canvas.width;
    var height = Number(o.height) || canvas.clientHeight || canvas.height;
    var ratio = Number(o.pixelRatio) || root.devicePixelRatio || 1;

    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = width + 'px';
    canvas.style.height = height + 'px';

    var ctx = canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (o.background) {
      ctx.fillStyle = o.background;
      ctx.fillRect(0, 0, width, height);
    }
    return { ctx: ctx, width: width, height: height, ratio: ratio };
  };

  /**
   * Draws a chart described by one config object:
   * `{type: 'line' | 'bar' | 'gauge', values | value, ...options}`.
   */
  S.draw = function (canvas, config) {
    var c = config || {};
    switch (c.type || 'line') {
      case 'line':
        return S.sparkline(canvas, c.values || [], c);
      case 'bar':
        return S.barSparkline(canvas, c.values || [], c);
      case 'gauge':
        return S.gauge(canvas, c.value, c);
      default:
        throw new Error('spark-canvas: unknown chart type "' + c.type + '"');
    }
  };
})(typeof self !== 'undefined' ? self : this);
