'use strict';

const { escapeHtml, safeUrl } = require('./escape');

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const AUTOLINK = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>/;
const EMAIL_AUTOLINK = /^<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>/;
const WORD = /[\p{L}\p{N}]/u;

function runLength(src, at, ch) {
  let end = at;
  while (src[end] === ch) end += 1;
  return end - at;
}

/** Index of the backtick run of exactly `length` that closes a code span opened before `from`, or -1. */
function findCodeClose(src, from, length) {
  let i = src.indexOf('`', from);
  while (i !== -1) {
    const run = runLength(src, i, '`');
    if (run === length) return i;
    i = src.indexOf('`', i + run);
  }
  return -1;
}

/**
 * Index just past the `]` matching the `[` at `open`, skipping escapes, code spans and nested
 * brackets; -1 if there is none.
 */
function findLabelEnd(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i += 1) {
    const ch = src[i];
    if (ch === '\\') {
      i += 1;
    } else if (ch === '`') {
      const run = runLength(src, i, '`');
      const close = findCodeClose(src, i + run, run);
      i = close === -1 ? i + run - 1 : close + run - 1;
    } else if (ch === '[') {
      depth += 1;
    } else if (ch === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Parses `(destination "title")` starting at `at`; returns {href, title, end} or null. */
function parseDestination(src, at) {
  if (src[at] !== '(') return null;
  let i = at + 1;
  while (src[i] === ' ') i += 1;
  let href = '';
  if (src[i] === '<') {
    const close = src.indexOf('>', i);
    if (close === -1) return null;
    href = src.slice(i + 1, close);
    i = close + 1;
  } else {
    let depth = 0;
    const start = i;
    while (i < src.length && !/\s/.test(src[i])) {
      if (src[i] === '\\') i += 1;
      else if (src[i] === '(') depth += 1;
      else if (src[i] === ')') {
        if (depth === 0) break;
        depth -= 1;
      }
      i += 1;
    }
    href = src.slice(start, i);
  }
  while (src[i] === ' ') i += 1;
  let title = null;
  const quote = src[i];
  if (quote === '"' || quote === "'") {
    const close = src.indexOf(quote, i + 1);
    if (close === -1) return null;
    title = src.slice(i + 1, close);
    i = close + 1;
    while (src[i] === ' ') i += 1;
  }
  if (src[i] !== ')') return null;
  return { href: unescapePunctuation(href), title: title === null ? null : unescapePunctuation(title), end: i + 1 };
}

function unescapePunctuation(text) {
  return text.replace(/\\(.)/g, (all, ch) => (PUNCTUATION.includes(ch) ? ch : all));
}

/**
 * Finds the delimiter run that closes emphasis opened with `length` times `ch`, searching from
 * `from`. Only a run of exactly the same length closes; it must not follow whitespace and, for
 * underscores, must not be followed by a letter or digit.
 */
function findEmphasisClose(src, from, ch, length) {
  for (let i = from; i < src.length; i += 1) {
    const c = src[i];
    if (c === '\\') {
      i += 1;
    } else if (c === '`') {
      const run = runLength(src, i, '`');
      const close = findCodeClose(src, i + run, run);
      i = close === -1 ? i + run - 1 : close + run - 1;
    } else if (c === ch) {
      const run = runLength(src, i, ch);
      const before = src[i - 1];
      const after = src[i + run];
      const closes = run === length && i > from && !/\s/.test(before)
        && !(ch === '_' && after !== undefined && WORD.test(after));
      if (closes) return i;
      i += run - 1;
    }
  }
  return -1;
}

const EMPHASIS_TAGS = {
  '*': { 1: ['<em>', '</em>'], 2: ['<strong>', '</strong>'], 3: ['<em><strong>', '</strong></em>'] },
  _: { 1: ['<em>', '</em>'], 2: ['<strong>', '</strong>'], 3: ['<em><strong>', '</strong></em>'] },
  '~': { 2: ['<del>', '</del>'] },
};

/** Renders the inline Markdown of one block (emphasis, code, links, images, breaks) to HTML. */
function renderInline(src) {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const ch = src[i];

    if (ch === '\\') {
      const next = src[i + 1];
      if (next === '\n') {
        out += '<br>\n';
        i += 2;
        continue;
      }
      if (next !== undefined && PUNCTUATION.includes(next)) {
        out += escapeHtml(next);
        i += 2;
        continue;
      }
    }

    if (ch === '`') {
      const run = runLength(src, i, '`');
      const close = findCodeClose(src, i + run, run);
      if (close === -1) {
        out += '`'.repeat(run);
        i += run;
        continue;
      }
      let code = src.slice(i + run, close).replace(/\n/g, ' ');
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
      out += `<code>${escapeHtml(code)}</code>`;
      i = close + run;
      continue;
    }

    if (ch === '<') {
      const rest = src.slice(i);
      const url = AUTOLINK.exec(rest);
      if (url) {
        out += `<a href="${escapeHtml(safeUrl(url[1]))}">${escapeHtml(url[1])}</a>`;
        i += url[0].length;
        continue;
      }
      const email = EMAIL_AUTOLINK.exec(rest);
      if (email) {
        out += `<a href="mailto:${escapeHtml(email[1])}">${escapeHtml(email[1])}</a>`;
        i += email[0].length;
        continue;
      }
    }

    if ((ch === '[' || (ch === '!' && src[i + 1] === '['))) {
      const open = ch === '!' ? i + 1 : i;
      const labelEnd = findLabelEnd(src, open);
      const dest = labelEnd === -1 ? null : parseDestination(src, labelEnd);
      if (dest) {
        const label = src.slice(open + 1, labelEnd - 1);
        const title = dest.title === null ? '' : ` title="${escapeHtml(dest.title)}"`;
        if (ch === '!') {
          const alt = renderInline(label).replace(/<[^>]*>/g, '');
          out += `<img src="${escapeHtml(safeUrl(dest.href))}" alt="${alt}"${title}>`;
        } else {
          out += `<a href="${escapeHtml(safeUrl(dest.href))}"${title}>${renderInline(label)}</a>`;
        }
        i = dest.end;
        continue;
      }
    }

    if (ch === '*' || ch === '_' || ch === '~') {
      const run = runLength(src, i, ch);
      const tags = EMPHASIS_TAGS[ch][run];
      const after = src[i + run];
      const before = src[i - 1];
      const canOpen = tags && after !== undefined && !/\s/.test(after)
        && !(ch === '_' && before !== undefined && WORD.test(before));
      if (canOpen) {
        const close = findEmphasisClose(src, i + run, ch, run);
        if (close !== -1) {
          out += tags[0] + renderInline(src.slice(i + run, close)) + tags[1];
          i = close + run;
          continue;
        }
      }
      out += escapeHtml(ch.repeat(run));
      i += run;
      continue;
    }

    if (ch === '\n') {
      const hard = /( {2,})$/.test(out);
      out = out.replace(/ +$/, '');
      out += hard ? '<br>\n' : '\n';
      i += 1;
      continue;
    }

    out += escapeHtml(ch);
    i += 1;
  }
  return out;
}

module.exports = { renderInline };
