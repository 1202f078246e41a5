'use strict';

/*
 * Just enough CSS for the theme specs: parse a stylesheet, match simple selectors against an
 * element described by a selector-like path ("article.md > ul > li > ul"), and compute a
 * property's value through the cascade (specificity, then source order; inherited properties
 * from the ancestors; var() resolved against the custom properties in scope).
 *
 * Supported selectors: type, .class, [attr], [attr=value], *, descendant and child combinators.
 * Rules with pseudo-classes or sibling combinators never match; @media print is skipped.
 */

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '');
}

function parseDeclarations(body) {
  return body
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      return [part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).trim()];
    });
}

function parseBlock(text, media, rules) {
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open === -1) break;
    const prelude = text.slice(i, open).trim();
    if (prelude.startsWith('@')) {
      let depth = 1;
      let j = open + 1;
      while (j < text.length && depth > 0) {
        if (text[j] === '{') depth += 1;
        else if (text[j] === '}') depth -= 1;
        j += 1;
      }
      parseBlock(text.slice(open + 1, j - 1), prelude, rules);
      i = j;
    } else {
      const close = text.indexOf('}', open);
      const selectors = prelude.split(',').map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean);
      rules.push({ selectors, declarations: parseDeclarations(text.slice(open + 1, close)), media, order: rules.length });
      i = close + 1;
    }
  }
  return rules;
}

const COMPOUND = /^(\*|[a-zA-Z][a-zA-Z0-9-]*)?((?:\.[\w-]+|\[[^\]]+\]|:[\w-]+(?:\([^)]*\))?)*)$/;

/** {tag, classes, attrs, pseudo} for one compound selector such as "td.md-align-right[scope]". */
function parseCompound(text) {
  const m = COMPOUND.exec(text);
  if (!m) throw new Error(`css.js: cannot read selector part ${JSON.stringify(text)}`);
  const compound = { tag: m[1] && m[1] !== '*' ? m[1].toLowerCase() : null, classes: [], attrs: [], pseudo: [] };
  for (const part of m[2].match(/\.[\w-]+|\[[^\]]+\]|:[\w-]+(?:\([^)]*\))?/g) || []) {
    if (part[0] === '.') compound.classes.push(part.slice(1));
    else if (part[0] === ':') compound.pseudo.push(part);
    else {
      const attr = /^\[\s*([\w-]+)\s*(?:=\s*["']?([^"'\]]*)["']?\s*)?\]$/.exec(part);
      compound.attrs.push({ name: attr[1].toLowerCase(), value: attr[2] === undefined ? null : attr[2] });
    }
  }
  return compound;
}

/** [{compound, combinator}] left to right; combinator joins a part to the one before it. */
function parseSelector(selector) {
  const tokens = selector.replace(/\s*([>+~])\s*/g, ' $1 ').trim().split(/\s+/);
  const parts = [];
  let combinator = null;
  for (const token of tokens) {
    if (token === '>' || token === '+' || token === '~') {
      combinator = token;
    } else {
      parts.push({ compound: parseCompound(token), combinator: parts.length ? combinator || ' ' : null });
      combinator = null;
    }
  }
  return parts;
}

function specificity(selector) {
  let classes = 0;
  let tags = 0;
  for (const { compound } of parseSelector(selector)) {
    classes += compound.classes.length + compound.attrs.length + compound.pseudo.length;
    if (compound.tag) tags += 1;
  }
  return [0, classes, tags];
}

function compoundMatches(compound, element) {
  if (compound.pseudo.length) return false;
  if (compound.tag && compound.tag !== element.tag) return false;
  if (!compound.classes.every((c) => element.classes.includes(c))) return false;
  return compound.attrs.every(({ name, value }) => (
    name === 'class'
      ? value === null || element.classes.join(' ') === value
      : Object.prototype.hasOwnProperty.call(element.attrs, name) && (value === null || element.attrs[name] === value)
  ));
}

/** Whether `selector` matches the last element of `chain` (root first). */
function matches(selector, chain) {
  const parts = parseSelector(selector);
  if (parts.some((part) => part.combinator === '+' || part.combinator === '~')) return false;
  const walk = (p, e) => {
    if (!compoundMatches(parts[p].compound, chain[e])) return false;
    if (p === 0) return true;
    if (parts[p].combinator === '>') return e > 0 && walk(p - 1, e - 1);
    for (let a = e - 1; a >= 0; a -= 1) if (walk(p - 1, a)) return true;
    return false;
  };
  return walk(parts.length - 1, chain.length - 1);
}

/** Parses "article.md > ul > li.task-list-item" (or "td[align=center]") into an element chain. */
function elementChain(path) {
  return path.split(/\s*>\s*|\s+/).filter(Boolean).map((text) => {
    const compound = parseCompound(text);
    const attrs = {};
    for (const { name, value } of compound.attrs) attrs[name] = value === null ? '' : value;
    return { tag: compound.tag, classes: compound.classes, attrs };
  });
}

// Shorthands that set a property, and how to read the property from them (LTR documents).
function boxSide(values, side) {
  const [top, right = top, bottom = top, left = right] = values;
  return { top, right, bottom, left }[side];
}
const ALIASES = {
  'padding-inline-start': {
    padding: (v) => boxSide(v.split(/\s+/), 'left'),
    'padding-inline': (v) => v.split(/\s+/)[0],
    'padding-left': (v) => v,
  },
  'padding-inline-end': {
    padding: (v) => boxSide(v.split(/\s+/), 'right'),
    'padding-inline': (v) => v.split(/\s+/)[1] || v.split(/\s+/)[0],
    'padding-right': (v) => v,
  },
  'border-inline-start': { border: (v) => v, 'border-inline': (v) => v, 'border-left': (v) => v },
  'border-inline-end': { border: (v) => v, 'border-inline': (v) => v, 'border-right': (v) => v },
};

const INHERITED = new Set(['color', 'text-align', 'font-family', 'font-size', 'font-weight', 'line-height', 'list-style-type']);

class Stylesheet {
  constructor(text) {
    this.rules = parseBlock(stripComments(text), null, []);
  }

  /** Every selector of every rule, in source order. */
  selectors() {
    return this.rules.flatMap((rule) => rule.selectors);
  }

  /** Rules (screen media) with a selector matching the chain's last element, in cascade order. */
  matchingRules(chain) {
    const found = [];
    for (const rule of this.rules) {
      if (rule.media && /\bprint\b/.test(rule.media)) continue;
      for (const selector of rule.selectors) {
        if (matches(selector, chain)) found.push({ rule, specificity: specificity(selector) });
      }
    }
    const compare = (a, b) => a.specificity[1] - b.specificity[1] || a.specificity[2] - b.specificity[2]
      || a.rule.order - b.rule.order;
    return found.sort(compare);
  }

  /** The declared value of `property` on the element itself, before var() substitution. */
  declared(chain, property) {
    const aliases = ALIASES[property] || {};
    let value = null;
    for (const { rule } of this.matchingRules(chain)) {
      for (const [name, raw] of rule.declarations) {
        if (name === property) value = raw;
        else if (aliases[name]) value = aliases[name](raw);
      }
    }
    return value;
  }

  /** Custom properties in scope for the chain's last element (they inherit). */
  customProperties(chain) {
    const vars = {};
    for (let depth = 1; depth <= chain.length; depth += 1) {
      for (const { rule } of this.matchingRules(chain.slice(0, depth))) {
        for (const [name, raw] of rule.declarations) if (name.startsWith('--')) vars[name] = raw;
      }
    }
    return vars;
  }

  /**
   * The value of `property` for the element at `path`, var() substituted; inherited properties
   * fall back to the parent. null when nothing sets it or a var() without fallback is undefined
   * (then the browser uses the initial value).
   */
  computed(path, property) {
    const chain = typeof path === 'string' ? elementChain(path) : path;
    for (let depth = chain.length; depth >= 1; depth -= 1) {
      const value = this.declared(chain.slice(0, depth), property);
      if (value !== null) return resolveVars(value, this.customProperties(chain.slice(0, depth)));
      if (!INHERITED.has(property)) return null;
    }
    return null;
  }

  /** Names of the custom properties used in var() without a fallback and never defined. */
  undefinedCustomProperties() {
    const defined = new Set();
    const used = new Set();
    for (const rule of this.rules) {
      for (const [name, value] of rule.declarations) {
        if (name.startsWith('--')) defined.add(name);
        for (const m of value.matchAll(/var\(\s*(--[\w-]+)\s*(,)?/g)) if (!m[2]) used.add(m[1]);
      }
    }
    return [...used].filter((name) => !defined.has(name)).sort();
  }
}

function resolveVars(value, vars, depth = 0) {
  if (depth > 10) return null;
  let failed = false;
  const out = value.replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)/g, (all, name, fallback) => {
    if (Object.prototype.hasOwnProperty.call(vars, name)) return resolveVars(vars[name], vars, depth + 1) ?? '';
    if (fallback !== undefined) return fallback.trim();
    failed = true;
    return '';
  });
  return failed ? null : out.trim();
}

/** Whether a CSS length ("2em", "0", "1.6em", "12px") is non-zero. */
function isNonZeroLength(value) {
  if (value === null || value === undefined) return false;
  const m = /^(-?\d*\.?\d+)([a-z%]*)$/i.exec(String(value).trim());
  return m !== null && parseFloat(m[1]) !== 0;
}

const BORDER_STYLES = ['solid', 'dashed', 'dotted', 'double', 'groove', 'ridge', 'inset', 'outset'];

/** Whether a border shorthand value ("0.25em solid #ccc") draws a visible line. */
function isVisibleBorder(value) {
  if (value === null || value === undefined) return false;
  const tokens = String(value).trim().split(/\s+/);
  if (!tokens.some((t) => BORDER_STYLES.includes(t))) return false;
  const width = tokens.find((t) => /^-?\d*\.?\d+[a-z%]*$/i.test(t) || ['thin', 'medium', 'thick'].includes(t));
  return width === undefined || ['thin', 'medium', 'thick'].includes(width) || isNonZeroLength(width);
}

function parseStylesheet(text) {
  return new Stylesheet(text);
}

module.exports = { parseStylesheet, elementChain, matches, specificity, isNonZeroLength, isVisibleBorder };
