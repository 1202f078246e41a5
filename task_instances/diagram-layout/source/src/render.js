'use strict';

const { el, escape, escapeAttr, num } = require('./svg');
const { arrowMarker, markerId } = require('./markers');

function pathData(points) {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join(' ');
}

// Text centred on (x, y), one <tspan> per line when there are several.
function centredText(lines, x, y, fontSize, lineHeight, attributes) {
  const base = Object.assign({ x, y, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': fontSize }, attributes);
  if (lines.length <= 1) return el('text', base, lines.length ? escape(lines[0]) : '');
  const step = fontSize * lineHeight;
  const first = y - (step * (lines.length - 1)) / 2;
  const spans = lines.map((line, i) => el('tspan', { x, y: first + i * step }, escape(line)));
  return el('text', base, spans);
}

function renderEdge(edge, options) {
  return el('path', {
    class: 'edge',
    'data-edge': edge.id,
    d: pathData(edge.points),
    fill: 'none',
    stroke: options.theme.edgeStroke,
    'stroke-width': options.strokeWidth,
    'marker-end': `url(#${markerId(options)})`,
  });
}

function renderNode(node, options) {
  const { theme } = options;
  return el('g', { class: node.className ? `node ${node.className}` : 'node', 'data-id': node.id }, [
    el('rect', {
      x: node.x - node.width / 2,
      y: node.y - node.height / 2,
      width: node.width,
      height: node.height,
      rx: options.cornerRadius,
      fill: theme.nodeFill,
      stroke: theme.nodeStroke,
      'stroke-width': options.strokeWidth,
    }),
    centredText(node.lines, node.x, node.y, options.fontSize, options.lineHeight, { fill: theme.nodeText }),
  ]);
}

function renderEdgeLabel(edge, options) {
  const box = edge.labelBox;
  return el('g', { class: 'edge-label', 'data-edge': edge.id }, [
    el('rect', {
      x: box.x - box.width / 2,
      y: box.y - box.height / 2,
      width: box.width,
      height: box.height,
      rx: 2,
      fill: options.theme.labelFill,
    }),
    centredText(box.lines, box.x, box.y, options.edgeFontSize, options.lineHeight, { fill: options.theme.labelText }),
  ]);
}

// The SVG of a laid out diagram. Edges are drawn first, then the boxes, then the edge labels so a
// label is never hidden behind a box.
function render(diagram) {
  const { options } = diagram;
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="boxline-diagram" width="${diagram.width}" height="${diagram.height}" `
      + `viewBox="0 0 ${diagram.width} ${diagram.height}" font-family="${escapeAttr(options.fontFamily)}">`,
    `<defs>${arrowMarker(options)}</defs>`,
    el('rect', { class: 'background', width: diagram.width, height: diagram.height, fill: options.theme.background }),
    '<g class="edges">',
    ...diagram.edges.map((edge) => renderEdge(edge, options)),
    '</g>',
    '<g class="nodes">',
    ...diagram.nodes.map((node) => renderNode(node, options)),
    '</g>',
    '<g class="edge-labels">',
    ...diagram.edges.filter((edge) => edge.labelBox).map((edge) => renderEdgeLabel(edge, options)),
    '</g>',
    '</svg>',
  ];
  return lines.join('\n');
}

module.exports = { render, pathData };
