'use strict';

// Scales map data values to pixel positions.

function niceStep(span, count) {
  const raw = span / Math.max(count, 1);
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const residual = raw / magnitude;
  if (residual > 5) return 10 * magnitude;
  if (residual > 2) return 5 * magnitude;
  if (residual > 1) return 2 * magnitude;
  return magnitude;
}

function linearScale(domain, range) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const scale = (value) => (d1 === d0 ? r0 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0));
  scale.domain = () => [d0, d1];
  scale.range = () => [r0, r1];
  scale.ticks = (count = 5) => {
    if (d1 === d0) return [d0];
    const step = niceStep(Math.abs(d1 - d0), count);
    const start = Math.ceil(Math.min(d0, d1) / step) * step;
    const ticks = [];
    for (let v = start; v <= Math.max(d0, d1) + step * 1e-9; v += step) {
      ticks.push(Math.round(v / step) * step);
    }
    return ticks;
  };
  scale.nice = (count = 5) => {
    const step = niceStep(Math.abs(d1 - d0) || 1, count);
    return linearScale([Math.floor(d0 / step) * step, Math.ceil(d1 / step) * step], range);
  };
  return scale;
}

function bandScale(categories, range, padding = 0.2) {
  const [r0, r1] = range;
  const n = categories.length;
  const step = n === 0 ? 0 : (r1 - r0) / n;
  const bandwidth = step * (1 - padding);
  const scale = (category) => {
    const index = categories.indexOf(category);
    if (index < 0) return undefined;
    return r0 + index * step + (step - bandwidth) / 2;
  };
  scale.bandwidth = () => bandwidth;
  scale.step = () => step;
  scale.domain = () => categories.slice();
  return scale;
}

module.exports = { linearScale, bandScale, niceStep };
