'use strict';

// Minimal SVG string building: escaping, attribute lists, elements, compact numbers.

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(value) {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

// Numbers are written with at most two decimals and without trailing zeros: 12, 12.5, 12.33.
function num(value) {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

// Attribute values only need &, < and the quote escaped; '>' stays readable (data-edge="a->b").
function escapeAttr(value) {
  return String(value).replace(/[&<"]/g, (ch) => ENTITIES[ch]);
}

function attrs(attributes) {
  let out = '';
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    out += ` ${key}="${escapeAttr(typeof value === 'number' ? num(value) : value)}"`;
  }
  return out;
}

// el('rect', { x: 1 }) -> <rect x="1"/>; children (strings) are joined as they are.
function el(tag, attributes, children) {
  const content = Array.isArray(children) ? children.join('') : children;
  if (content === undefined || content === null || content === '') {
    return `<${tag}${attrs(attributes)}/>`;
  }
  return `<${tag}${attrs(attributes)}>${content}</${tag}>`;
}

module.exports = { escape, escapeAttr, num, attrs, el };
