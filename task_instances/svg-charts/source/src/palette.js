'use strict';

const DEFAULT_PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948'];

// Colour of the series at `index`; wraps around when there are more series than colours.
function colorFor(index, palette = DEFAULT_PALETTE) {
  return palette[index % palette.length];
}

module.exports = { DEFAULT_PALETTE, colorFor };
