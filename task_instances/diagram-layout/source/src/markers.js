'use strict';

const { el } = require('./svg');

// The arrowhead drawn at the end of every edge. The marker's viewBox is 10 x 10 and (refX, refY)
// is the point that lands on the end of the edge; `orient="auto"` turns the marker with the edge.
const ARROW_PATH = 'M 10 0 L 0 5 L 10 10 z';

function markerId(options) {
  return `${options.idPrefix}-arrow`;
}

function arrowMarker(options) {
  return el('marker', {
    id: markerId(options),
    viewBox: '0 0 10 10',
    refX: 10,
    refY: 5,
    markerWidth: options.arrowSize,
    markerHeight: options.arrowSize,
    markerUnits: 'userSpaceOnUse',
    orient: 'auto',
  }, el('path', { d: ARROW_PATH, fill: options.theme.edgeStroke }));
}

module.exports = { ARROW_PATH, markerId, arrowMarker };
