'use strict';

// Attributes of every <tag ...> or <tag .../> in an SVG string, in document order (quoted values
// may hold a '>', as in data-edge="a->b"). Numbers become numbers; everything else stays a string.
function elements(svg, tag) {
  const pattern = new RegExp(`<${tag}\\b((?:[^>"]|"[^"]*")*?)/?>`, 'g');
  const found = [];
  let match;
  while ((match = pattern.exec(svg)) !== null) {
    const attributes = {};
    match[1].replace(/([\w:-]+)="([^"]*)"/g, (_, key, value) => {
      attributes[key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    });
    found.push(attributes);
  }
  return found;
}

function byId(items, id) {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no item with id ${id}`);
  return item;
}

// Edges of a box, from its centre and size.
function sides(box) {
  return {
    left: box.x - box.width / 2,
    right: box.x + box.width / 2,
    top: box.y - box.height / 2,
    bottom: box.y + box.height / 2,
  };
}

function close(actual, expected, epsilon = 1e-6) {
  return Math.abs(actual - expected) <= epsilon;
}

module.exports = { elements, byId, sides, close };
