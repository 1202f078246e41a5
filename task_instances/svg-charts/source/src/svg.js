'use strict';

// Tiny SVG string builder. Every attribute value and text node is escaped, so labels
// coming from user data can never break the markup.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function formatNumber(value) {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

function attrs(attributes) {
  return Object.keys(attributes)
    .filter((key) => attributes[key] !== undefined && attributes[key] !== null)
    .map((key) => {
      const value = attributes[key];
      return ` ${key}="${escape(typeof value === 'number' ? formatNumber(value) : value)}"`;
    })
    .join('');
}

function el(tag, attributes = {}, children = []) {
  const body = Array.isArray(children) ? children.join('') : escape(children);
  if (body === '') return `<${tag}${attrs(attributes)}/>`;
  return `<${tag}${attrs(attributes)}>${body}</${tag}>`;
}

function text(content, attributes = {}) {
  return el('text', attributes, String(content));
}

module.exports = { el, text, escape, formatNumber };
