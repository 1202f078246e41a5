/* spark-canvas: value domains and linear scales. */
(function (root) {
  'use strict';

  var S = root.SparkCanvas = root.SparkCanvas || {};

  function finite(value) {
    return typeof value === 'number' && isFinite(value);
  }

  S.isFiniteNumber = finite;

  /** [min, max] of the finite numbers in `values`, or null when there are none. */
  S.extent = function (values) {
    var lo = Infinity;
    var hi = -Infinity;
    for (var i = 0; i < values.length; i++) {
      var v = values[i];
      if (!finite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return lo === Infinity ? null : [lo, hi];
  };

  /**
   * The value domain a chart maps to its height.
   *   options.min / options.max  fix either end
   *   options.includeZero        makes sure 0 is inside the domain (bar charts)
   * A domain of one value is widened by 1 on each side so it can be drawn.
   */
  S.domainFor = function (values, options) {
    var o = options || {};
    var e = S.extent(values) || [0, 0];
    var lo = e[0];
    var hi = e[1];
    if (o.includeZero) {
      lo = 0;
      hi = Math.max(hi, 0);
    }
    if (finite(o.min)) lo = o.min;
    if (finite(o.max)) hi = o.max;
    if (lo === hi) {
      lo -= 1;
      hi += 1;
    }
    return [lo, hi];
  };

  /** A function mapping `domain` linearly onto `range`. */
  S.linear = function (domain, range) {
    var d0 = domain[0];
    var d1 = domain[1];
    var r0 = range[0];
    var r1 = range[1];
    var scale = function (value) {
      if (d1 === d0) return (r0 + r1) / 2;
      return r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
    };
    scale.domain = [d0, d1];
    scale.range = [r0, r1];
    return scale;
  };

  /** `value` limited to [lo, hi]. */
  S.clamp = function (value, lo, hi) {
    return Math.max(lo, Math.min(hi, value));
  };
})(typeof self !== 'undefined' ? self : this);
