'use strict';

// Tiny element factory shared by every component.
//
//   h('button', { className: 'tui-btn', attrs: { type: 'button' }, on: { click: fn } }, ['Save'])
//
// `children` may hold strings (text nodes), nodes, or null/false (skipped).

function h(tag, props, children) {
  const el = document.createElement(tag);
  const p = props || {};
  if (p.className) el.className = p.className;
  if (p.text != null) el.textContent = String(p.text);
  if (p.attrs) {
    for (const name of Object.keys(p.attrs)) {
      const value = p.attrs[name];
      if (value === false || value == null) continue;
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  if (p.dataset) {
    for (const key of Object.keys(p.dataset)) el.dataset[key] = String(p.dataset[key]);
  }
  if (p.style) {
    for (const name of Object.keys(p.style)) el.style.setProperty(name, p.style[name]);
  }
  if (p.on) {
    for (const type of Object.keys(p.on)) el.addEventListener(type, p.on[type]);
  }
  for (const child of children || []) {
    if (child == null || child === false) continue;
    el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

// Joins class names, skipping falsy entries: cx('a', on && 'b') -> 'a b' or 'a'.
function cx(...names) {
  return names.filter(Boolean).join(' ');
}

// Parses an SVG snippet into a node (used for icons).
function svg(markup) {
  const holder = document.createElement('div');
  holder.innerHTML = markup.trim();
  return holder.firstChild;
}

let counter = 0;

// Unique ids for aria wiring: uid('tabs') -> 'tui-tabs-1', 'tui-tabs-2', ...
function uid(prefix) {
  counter += 1;
  return `tui-${prefix}-${counter}`;
}

function resetIds() {
  counter = 0;
}

module.exports = { h, cx, svg, uid, resetIds };
