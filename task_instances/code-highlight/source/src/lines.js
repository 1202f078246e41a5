'use strict';

/**
 * Cut a token stream into lines. A token that spans several lines (a block
 * comment, a multi-line template) is split so that every line can be wrapped in its
 * own element; the pieces keep the token's type.
 */
function splitLines(tokens) {
  const lines = [[]];
  for (const token of tokens) {
    const parts = token.value.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) {
        lines.push([]);
      }
      if (part !== '') {
        lines[lines.length - 1].push({ type: token.type, value: part });
      }
    });
  }
  return lines;
}

/**
 * Parse a `highlightLines` option into a set of line numbers. Accepts an array of
 * numbers and/or range strings, or one string: `"3"`, `"2,5-7"`, `[1, "4-5"]`.
 * Ranges may be written either way round; anything unparseable is ignored.
 */
function parseLineSpec(spec) {
  const result = new Set();
  if (spec === undefined || spec === null || spec === false) {
    return result;
  }
  const items = Array.isArray(spec) ? spec : String(spec).split(',');
  for (const item of items) {
    if (typeof item === 'number') {
      if (Number.isInteger(item) && item > 0) {
        result.add(item);
      }
      continue;
    }
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(String(item));
    if (!match) {
      continue;
    }
    const a = Number(match[1]);
    const b = match[2] === undefined ? a : Number(match[2]);
    for (let n = Math.min(a, b); n <= Math.max(a, b); n += 1) {
      if (n > 0) {
        result.add(n);
      }
    }
  }
  return result;
}

module.exports = { splitLines, parseLineSpec };
