'use strict';

/**
 * Token types a tokenizer may emit. Each one except `plain` becomes a
 * `<span class="tok-TYPE">` in the HTML output, and every theme colours all of them.
 */
const TOKEN_TYPES = Object.freeze([
  'keyword',
  'literal',
  'number',
  'string',
  'comment',
  'regex',
  'operator',
  'punctuation',
  'function',
  'property',
  'interp',
  'selector',
  'value',
]);

const KNOWN = new Set(TOKEN_TYPES.concat('plain'));

/**
 * Append a token, merging it into the previous one when both have the same type
 * (runs of punctuation or whitespace produce one span, not one per character).
 */
function pushToken(tokens, type, value) {
  if (!value) {
    return;
  }
  if (!KNOWN.has(type)) {
    throw new Error(`unknown token type "${type}"`);
  }
  const last = tokens[tokens.length - 1];
  if (last && last.type === type) {
    last.value += value;
  } else {
    tokens.push({ type, value });
  }
}

module.exports = { TOKEN_TYPES, pushToken };
