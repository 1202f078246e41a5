'use strict';

/** Attributes of every opening `<name ...>` tag in `html`, in document order. */
function openingTags(html, name) {
  const tags = [];
  const re = new RegExp(`<${name}(\\s[^>]*)?>`, 'g');
  let m;
  while ((m = re.exec(html)) !== null) {
    const attrs = {};
    const attrRe = /([\w:-]+)(?:="([^"]*)")?/g;
    let a;
    while ((a = attrRe.exec(m[1] || '')) !== null) attrs[a[1]] = a[2] === undefined ? '' : a[2];
    tags.push(attrs);
  }
  return tags;
}

/** Text content of every `<name>...</name>` element (not nested in itself), tags stripped. */
function texts(html, name) {
  const re = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g');
  return [...html.matchAll(re)].map((m) => m[1].replace(/<[^>]*>/g, '').trim());
}

/** A selector-like path for css.js from a tag name and its attributes: td + {class: "a b"} -> "td.a.b". */
function elementPath(name, attrs) {
  const classes = (attrs.class || '').split(/\s+/).filter(Boolean).map((c) => `.${c}`).join('');
  const others = Object.entries(attrs)
    .filter(([key]) => key !== 'class' && key !== 'style')
    .map(([key, value]) => (value === '' ? `[${key}]` : `[${key}=${value}]`))
    .join('');
  return `${name}${classes}${others}`;
}

module.exports = { openingTags, texts, elementPath };
