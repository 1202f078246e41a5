'use strict';

const { Scanner } = require('../scanner');
const { pushToken } = require('../tokens');

const WHITESPACE = /\s+/y;
const STRING = /"(?:\\[\s\S]|[^"\\\n])*"?/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /(?:true|false|null)\b/y;
const PUNCTUATION = /[{}[\]:,]/y;
const KEY_FOLLOWS = /\s*:/y;
// JSONC / tsconfig style comments are common enough in snippets to be worth colouring
const COMMENT = /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/y;

/**
 * Split JSON into tokens. Object keys are `property` tokens so that themes can
 * tell them apart from string values.
 */
function tokenize(source) {
  const s = new Scanner(source);
  const tokens = [];
  while (!s.eof()) {
    let text;
    if ((text = s.match(WHITESPACE))) {
      pushToken(tokens, 'plain', text);
    } else if ((text = s.match(STRING))) {
      pushToken(tokens, s.test(KEY_FOLLOWS) ? 'property' : 'string', text);
    } else if ((text = s.match(NUMBER))) {
      pushToken(tokens, 'number', text);
    } else if ((text = s.match(LITERAL))) {
      pushToken(tokens, 'literal', text);
    } else if ((text = s.match(PUNCTUATION))) {
      pushToken(tokens, 'punctuation', text);
    } else if ((text = s.match(COMMENT))) {
      pushToken(tokens, 'comment', text);
    } else {
      pushToken(tokens, 'plain', s.advance());
    }
  }
  return tokens;
}

module.exports = {
  name: 'json',
  aliases: ['jsonc', 'json5'],
  tokenize,
};
