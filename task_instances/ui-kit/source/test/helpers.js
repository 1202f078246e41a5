'use strict';

const fs = require('fs');
const path = require('path');

const STYLESHEET = path.join(__dirname, '..', 'src', 'styles.css');

function stylesheetText() {
  return fs.readFileSync(STYLESHEET, 'utf8');
}

// A deliberately small CSS reader for our own flat stylesheet (no at-rules, no nesting):
// [{ selectors: ['.a', '.b:hover'], decls: { color: 'red', '--x': '1px' } }, ...]
function parseCss(text) {
  const rules = [];
  const source = text.replace(/\/\*[\s\S]*?\*\//g, '');
  const block = /([^{}]+)\{([^{}]*)\}/g;
  let match;
  while ((match = block.exec(source))) {
    const selectors = match[1].split(',').map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean);
    const decls = {};
    for (const part of match[2].split(';')) {
      const colon = part.indexOf(':');
      if (colon === -1) continue;
      const name = part.slice(0, colon).trim();
      if (name) decls[name] = part.slice(colon + 1).trim().replace(/\s+/g, ' ');
    }
    rules.push({ selectors, decls });
  }
  return rules;
}

let cached;
function rules() {
  if (!cached) cached = parseCss(stylesheetText());
  return cached;
}

// The declarations of every rule whose selector list contains `selector`, later rules winning.
function declarations(selector) {
  const merged = {};
  let found = false;
  for (const rule of rules()) {
    if (rule.selectors.includes(selector)) {
      found = true;
      Object.assign(merged, rule.decls);
    }
  }
  return found ? merged : null;
}

function customProperties(decls) {
  const out = {};
  for (const name of Object.keys(decls || {})) if (name.startsWith('--')) out[name] = decls[name];
  return out;
}

// The custom properties in effect inside an element with data-tui-theme="<name>": the :root (light)
// values, overridden by that theme's own block.
function themeTokens(name) {
  const base = customProperties(declarations(':root'));
  if (name === 'light') return base;
  return Object.assign({}, base, customProperties(declarations(`[data-tui-theme="${name}"]`)));
}

// Replaces var(--x) / var(--x, fallback) with token values, recursively.
function resolve(value, tokens, depth = 0) {
  if (depth > 10) throw new Error(`var() cycle in ${value}`);
  const replaced = value.replace(/var\((--[\w-]+)(?:\s*,\s*([^()]*))?\)/g, (all, name, fallback) => {
    if (name in tokens) return resolve(tokens[name], tokens, depth + 1);
    if (fallback != null) return fallback.trim();
    throw new Error(`${name} is not defined`);
  });
  return replaced;
}

function hexToRgb(hex) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  const digits = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
}

function luminance(hex) {
  const [r, g, b] = hexToRgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// WCAG 2 contrast ratio of two hex colours (1 to 21).
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Fakes layout for jsdom, which has none: a fixed bounding box for `el`.
function mockRect(el, { top, left, width, height }) {
  el.getBoundingClientRect = () => ({
    top,
    left,
    width,
    height,
    right: left + width,
    bottom: top + height,
    x: left,
    y: top,
  });
}

function mockSize(el, width, height) {
  Object.defineProperty(el, 'offsetWidth', { configurable: true, value: width });
  Object.defineProperty(el, 'offsetHeight', { configurable: true, value: height });
}

function press(el, key) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  el.dispatchEvent(event);
  return event;
}

module.exports = {
  stylesheetText,
  parseCss,
  declarations,
  themeTokens,
  resolve,
  contrast,
  mockRect,
  mockSize,
  press,
};
