'use strict';

const { createGraph } = require('./graph');
const { resolveOptions, isHorizontal } = require('./options');
const { rankGraph } = require('./rank');
const { routeEdges } = require('./route');
const { measureLabel } = require('./text');

// { id: [ids it is joined to] } for the unit segments of the layering.
function neighbours(segments, key, other) {
  const map = new Map();
  for (const segment of segments) {
    if (!map.has(segment[key])) map.set(segment[key], []);
    map.get(segment[key]).push(segment[other]);
  }
  return map;
}

// Places the boxes of one rank as close to their desired positions as the gaps allow, in order:
// packed once from the left and once from the right, then the two packings averaged.
function pack(layer, desired, gap) {
  const n = layer.length;
  const left = new Array(n);
  const right = new Array(n);
  for (let i = 0; i < n; i++) {
    left[i] = i === 0 ? desired[i] : Math.max(desired[i], left[i - 1] + gap(layer[i - 1], layer[i]));
  }
  for (let i = n - 1; i >= 0; i--) {
    right[i] = i === n - 1 ? desired[i] : Math.min(desired[i], right[i + 1] - gap(layer[i], layer[i + 1]));
  }
  return left.map((value, i) => (value + right[i]) / 2);
}

// A box big enough for its label, unless the node gives its own width / height.
function sizeNode(node, options) {
  const text = measureLabel(node.label, options.fontSize, options.lineHeight);
  const textHeight = Math.max(text.height, options.fontSize * options.lineHeight);
  return {
    lines: text.lines,
    width: node.width !== undefined ? node.width : Math.max(options.minNodeWidth, Math.ceil(text.width + 2 * options.paddingX)),
    height: node.height !== undefined ? node.height : Math.ceil(textHeight + 2 * options.paddingY),
  };
}

// Lays a diagram config out: every node gets a centre (x, y) and a size, every edge a polyline
// and a label position. Ranks run along the flow (`direction`), the nodes of one rank side by side
// across it. Coordinates are in pixels with the origin at the top-left corner of the drawing.
function layout(config) {
  const options = resolveOptions(config);
  const graph = createGraph(config);
  const ranking = rankGraph(graph);
  const horizontal = isHorizontal(options.direction);
  const flipped = options.direction === 'BT' || options.direction === 'RL';

  const boxes = new Map();
  for (const node of graph.nodes) boxes.set(node.id, sizeNode(node, options));
  for (const id of ranking.virtual) boxes.set(id, { lines: [], width: 0, height: 0 });

  // Extent of a box across the flow: widths top-down, heights left-right.
  const breadthOf = (id) => (horizontal ? boxes.get(id).height : boxes.get(id).width);

  const layers = ranking.layers;
  // Each rank is as deep as its tallest box.
  const rankDepth = layers.map((layer) => Math.max(0, ...layer.map((id) => boxes.get(id).height)));
  const rankStart = [];
  let cursor = 0;
  layers.forEach((layer, r) => {
    rankStart[r] = cursor;
    cursor += rankDepth[r] + options.rankSep;
  });
  const totalDepth = Math.max(0, cursor - options.rankSep);

  // Across the flow every rank starts centred on 0; then each box is pulled towards the mean
  // position of its neighbours in the previous rank (down, up, down again), keeping the order of the
  // rank and at least `nodeSep` between boxes.
  const gap = (a, b) => breadthOf(a) / 2 + options.nodeSep + breadthOf(b) / 2;
  const across = new Map();
  for (const layer of layers) {
    let offset = 0;
    layer.forEach((id, i) => {
      if (i > 0) offset += gap(layer[i - 1], id);
      across.set(id, offset);
    });
    layer.forEach((id) => across.set(id, across.get(id) - offset / 2));
  }
  const preds = neighbours(ranking.segments, 'to', 'from');
  const succs = neighbours(ranking.segments, 'from', 'to');
  const align = (layer, towards) => {
    const desired = layer.map((id) => {
      const around = towards.get(id) || [];
      if (around.length === 0) return across.get(id);
      return around.reduce((sum, n) => sum + across.get(n), 0) / around.length;
    });
    pack(layer, desired, gap).forEach((value, i) => across.set(layer[i], value));
  };
  for (let r = 1; r < layers.length; r++) align(layers[r], preds);
  for (let r = layers.length - 2; r >= 0; r--) align(layers[r], succs);
  for (let r = 1; r < layers.length; r++) align(layers[r], preds);

  const ids = [...across.keys()];
  const minAcross = Math.min(0, ...ids.map((id) => across.get(id) - breadthOf(id) / 2));
  const totalBreadth = Math.max(0, ...ids.map((id) => across.get(id) + breadthOf(id) / 2)) - minAcross;

  const centres = new Map();
  layers.forEach((layer, r) => {
    const depth = rankStart[r] + rankDepth[r] / 2;
    const along = flipped ? totalDepth - depth : depth;
    for (const id of layer) {
      const offset = across.get(id) - minAcross;
      centres.set(id, {
        x: options.margin + (horizontal ? along : offset),
        y: options.margin + (horizontal ? offset : along),
      });
    }
  });

  const boxOf = (id) => Object.assign({}, centres.get(id), { width: boxes.get(id).width, height: boxes.get(id).height });
  const nodes = graph.nodes.map((node) => ({
    id: node.id,
    label: node.label,
    lines: boxes.get(node.id).lines,
    className: node.className,
    rank: ranking.rank.get(node.id),
    ...boxOf(node.id),
  }));
  const edges = routeEdges(graph, ranking, boxOf, options);

  return {
    direction: options.direction,
    width: Math.ceil((horizontal ? totalDepth : totalBreadth) + 2 * options.margin),
    height: Math.ceil((horizontal ? totalBreadth : totalDepth) + 2 * options.margin),
    nodes,
    edges,
    options,
  };
}

module.exports = { layout, sizeNode, pack };
