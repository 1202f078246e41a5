'use strict';

const fs = require('fs');
const path = require('path');

/** [[type, value], ...] of the tokens that are not plain text: compact to compare. */
function significant(tokens) {
  return tokens.filter((t) => t.type !== 'plain').map((t) => [t.type, t.value]);
}

/** The token whose value is exactly `value` (first one), or undefined. */
function tokenOf(tokens, value) {
  return tokens.find((t) => t.value === value);
}

/** The concatenated values: must always give back the input. */
function joined(tokens) {
  return tokens.map((t) => t.value).join('');
}

/**
 * A deliberately small CSS reader for the theme sheets: comments dropped, one entry
 * per rule with its selectors and its declarations as a property -> value map.
 */
function parseCss(text) {
  const rules = [];
  const clean = text.replace(/\/\*[\s\S]*?\*\//g, '');
  const ruleRe = /([^{}]+)\{([^{}]*)\}/g;
  let match;
  while ((match = ruleRe.exec(clean))) {
    const selectors = match[1].split(',').map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean);
    const declarations = {};
    for (const part of match[2].split(';')) {
      const colon = part.indexOf(':');
      if (colon > 0) {
        declarations[part.slice(0, colon).trim()] = part.slice(colon + 1).trim();
      }
    }
    rules.push({ selectors, declarations });
  }
  return rules;
}

/** The value of `property` in the last rule that has `selector` (exactly), or undefined. */
function declared(rules, selector, property) {
  let value;
  for (const rule of rules) {
    if (rule.selectors.includes(selector) && property in rule.declarations) {
      value = rule.declarations[property];
    }
  }
  return value;
}

function parseHex(color) {
  const match = /^#([\da-f]{3}|[\da-f]{6})$/i.exec(String(color).trim());
  if (!match) {
    throw new Error(`not a hex colour: ${color}`);
  }
  let hex = match[1];
  if (hex.length === 3) {
    hex = hex.split('').map((c) => c + c).join('');
  }
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/** WCAG 2 relative luminance of a hex colour. */
function luminance(color) {
  const [r, g, b] = parseHex(color).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two hex colours, from 1 to 21. */
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Every fixture case: a folder with an input.<ext> and the expected.html it must render to. */
function fixtureCases() {
  return fs.readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = path.join(FIXTURES, entry.name);
      const input = fs.readdirSync(dir).find((name) => name.startsWith('input.'));
      const optionsFile = path.join(dir, 'options.json');
      return {
        name: entry.name,
        input: path.join(dir, input),
        language: path.extname(input).slice(1),
        expected: path.join(dir, 'expected.html'),
        options: fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {},
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Markup of the `.glow-line` with data-line=n: its attributes and inner HTML. */
function lineElement(html, n) {
  const re = new RegExp(`<span class="([^"]*)" data-line="${n}">([\\s\\S]*?)</span>(?=<span class="glow-line|</code>)`);
  const match = re.exec(html);
  return match ? { className: match[1], inner: match[2] } : null;
}

module.exports = {
  significant,
  tokenOf,
  joined,
  parseCss,
  declared,
  contrast,
  luminance,
  fixtureCases,
  lineElement,
};
