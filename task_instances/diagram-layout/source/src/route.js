'use strict';

const { clipToBox, pointAlong } = require('./geometry');
const { measureLabel } = require('./text');

// The background box of an edge label: its text plus `labelPadding` on every side.
function labelSize(label, options) {
  if (!label) return null;
  const text = measureLabel(label, options.edgeFontSize, options.lineHeight);
  return {
    lines: text.lines,
    width: Math.ceil(text.width + 2 * options.labelPadding),
    height: Math.ceil(text.height + 2 * options.labelPadding),
  };
}

// Routes one edge as a polyline: from the border of its source box, through the virtual nodes of
// the ranks it crosses, to the border of its target box. Its label sits halfway along.
function routeEdge(edge, ranking, boxOf, options) {
  const chain = ranking.chains.get(edge) || [edge.from, edge.to];
  const ids = ranking.reversed.has(edge) ? chain.slice().reverse() : chain;
  const centres = ids.map((id) => ({ x: boxOf(id).x, y: boxOf(id).y }));
  const points = centres.slice();
  const last = points.length - 1;
  points[0] = clipToBox(boxOf(ids[0]), centres[1]);
  points[last] = clipToBox(boxOf(ids[last]), centres[last - 1]);
  const label = labelSize(edge.label, options);
  return {
    id: edge.id,
    from: edge.from,
    to: edge.to,
    label: edge.label,
    points,
    labelBox: label && Object.assign({}, label, pointAlong(points, 0.5)),
  };
}

function routeEdges(graph, ranking, boxOf, options) {
  return graph.edges.map((edge) => routeEdge(edge, ranking, boxOf, options));
}

module.exports = { labelSize, routeEdge, routeEdges };
