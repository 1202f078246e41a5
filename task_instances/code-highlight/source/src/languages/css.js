'use strict';

const { Scanner } = require('../scanner');
const { pushToken } = require('../tokens');

// At-rules whose block holds rules (selectors), not declarations.
const RULE_BLOCKS = new Set(['media', 'supports', 'container', 'layer', 'document', 'scope', 'keyframes',
  '-webkit-keyframes', 'starting-style']);

const WHITESPACE = /\s+/y;
const COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/y;
const STRING = /'(?:\\[\s\S]|[^'\\\n])*'?|"(?:\\[\s\S]|[^"\\\n])*"?/y;
const AT_KEYWORD = /@[-\w]+/y;
const SELECTOR = /(?:[^{}\s;/]|\/(?!\*))(?:[^{};/]|\/(?!\*))*?(?=\s*(?:[{};]|\/\*|$))/y;
const PROPERTY = /-{0,2}[A-Za-z_][-\w]*(?=\s*:)/y;
const HEX_COLOR = /#[\da-fA-F]{3,8}\b/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?(?:%|[A-Za-z]+)?/y;
const IMPORTANT = /!\s*important\b/y;
const FUNCTION = /-{0,2}[A-Za-z_][-\w]*(?=\()/y;
const IDENT = /-{0,2}[A-Za-z_][-\w]*/y;
const PUNCTUATION = /[:;,()[\]]/y;
const OPERATOR = /[+*/>~=]/y;

/**
 * Split CSS into tokens: selectors, at-rules, and inside declaration blocks the
 * property names and their values (numbers with units, colours, functions, strings).
 */
function tokenize(source) {
  const s = new Scanner(source);
  const tokens = [];
  // what the innermost open block holds: 'rules' or 'declarations'
  const blocks = ['rules'];
  // the name of the at-rule whose prelude is being read, if any
  let atRule = null;
  let expectProperty = false;

  while (!s.eof()) {
    const context = blocks[blocks.length - 1];
    const ch = s.peek();
    let text;

    if ((text = s.match(WHITESPACE))) {
      pushToken(tokens, 'plain', text);
    } else if ((text = s.match(COMMENT))) {
      pushToken(tokens, 'comment', text);
    } else if (ch === '{') {
      pushToken(tokens, 'punctuation', s.advance());
      const holdsRules = atRule !== null && RULE_BLOCKS.has(atRule);
      blocks.push(holdsRules ? 'rules' : 'declarations');
      atRule = null;
      expectProperty = !holdsRules;
    } else if (ch === '}') {
      pushToken(tokens, 'punctuation', s.advance());
      if (blocks.length > 1) {
        blocks.pop();
      }
      expectProperty = blocks[blocks.length - 1] === 'declarations';
    } else if (ch === ';') {
      pushToken(tokens, 'punctuation', s.advance());
      atRule = null;
      expectProperty = context === 'declarations';
    } else if ((text = s.match(AT_KEYWORD))) {
      pushToken(tokens, 'keyword', text);
      atRule = text.slice(1).toLowerCase();
    } else if (context === 'rules' && atRule === null && (text = s.match(SELECTOR))) {
      pushToken(tokens, 'selector', text);
    } else if (expectProperty && (text = s.match(PROPERTY))) {
      pushToken(tokens, 'property', text);
      expectProperty = false;
    } else if ((text = s.match(STRING))) {
      pushToken(tokens, 'string', text);
    } else if ((text = s.match(HEX_COLOR)) || (text = s.match(NUMBER))) {
      pushToken(tokens, 'number', text);
    } else if ((text = s.match(IMPORTANT))) {
      pushToken(tokens, 'keyword', text);
    } else if ((text = s.match(FUNCTION))) {
      pushToken(tokens, 'function', text);
    } else if ((text = s.match(IDENT))) {
      pushToken(tokens, 'value', text);
    } else if ((text = s.match(PUNCTUATION))) {
      pushToken(tokens, 'punctuation', text);
    } else if ((text = s.match(OPERATOR))) {
      pushToken(tokens, 'operator', text);
    } else {
      pushToken(tokens, 'plain', s.advance());
    }
  }
  return tokens;
}

module.exports = {
  name: 'css',
  aliases: [],
  tokenize,
};
