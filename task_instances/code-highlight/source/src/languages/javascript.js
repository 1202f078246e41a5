'use strict';

const { Scanner } = require('../scanner');
const { pushToken } = require('../tokens');

const KEYWORDS = new Set([
  'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger',
  'default', 'delete', 'do', 'else', 'export', 'extends', 'finally', 'for', 'from',
  'function', 'if', 'import', 'in', 'instanceof', 'let', 'new', 'of', 'return', 'static',
  'super', 'switch', 'this', 'throw', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
]);

const LITERALS = new Set(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity']);

// Keywords after which a `/` starts a regular expression rather than a division.
const REGEX_AFTER_KEYWORD = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case',
  'do', 'else', 'yield', 'await',
]);

const WHITESPACE = /\s+/y;
const LINE_COMMENT = /\/\/[^\n]*/y;
const BLOCK_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/y;
const STRING = /'(?:\\[\s\S]|[^'\\\n])*'?|"(?:\\[\s\S]|[^"\\\n])*"?/y;
const NUMBER = /(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?/y;
const IDENTIFIER = /[A-Za-z_$\u00a0-\uffff][\w$\u00a0-\uffff]*/y;
const REGEX = /\/(?![*/])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+\/[dgimsuy]*/y;
const OPERATOR = /=>|\.\.\.|\+\+|--|\?\?=?|\?\.(?!\d)|\*\*=?|>>>=?|<<=?|>>=?|[=!]==?|&&=?|\|\|=?|[-+*/%&|^<>]=?|[~!?:=]/y;
const PUNCTUATION = /[{}()[\];,.]/y;
const CALL_FOLLOWS = /\s*\(/y;

/**
 * Split JavaScript source into tokens.
 *
 * Template literals are read piecewise: the text up to `${` is a string token, the
 * interpolated expression is tokenized as ordinary code, and the `}` that closes the
 * interpolation (found by counting braces) resumes the template.
 */
function tokenize(source) {
  const s = new Scanner(source);
  const tokens = [];
  // the last token that was not whitespace or a comment: decides regex vs. division
  let previous = null;
  // depth of `{` nesting in code, and the depth at which the open `${` was entered
  let braceDepth = 0;
  let interpolationDepth = null;

  const emit = (type, value) => {
    pushToken(tokens, type, value);
    if (type !== 'plain' || value.trim() !== '') {
      previous = { type, value };
    }
  };

  // Read template text from the cursor up to the closing backtick (returns false)
  // or up to and including an opening `${` (returns true).
  const readTemplate = (prefix) => {
    let text = prefix;
    while (!s.eof()) {
      const ch = s.peek();
      if (ch === '\\') {
        text += s.advance(2);
      } else if (ch === '`') {
        emit('string', text + s.advance());
        return false;
      } else if (ch === '$' && s.peek(1) === '{') {
        emit('string', text);
        emit('interp', s.advance(2));
        return true;
      } else {
        text += s.advance();
      }
    }
    emit('string', text);
    return false;
  };

  while (!s.eof()) {
    const ch = s.peek();
    let text;

    if ((text = s.match(WHITESPACE))) {
      pushToken(tokens, 'plain', text);
    } else if ((text = s.match(LINE_COMMENT)) || (text = s.match(BLOCK_COMMENT))) {
      pushToken(tokens, 'comment', text);
    } else if (ch === '`') {
      if (readTemplate(s.advance())) {
        interpolationDepth = braceDepth;
      }
    } else if (ch === '}' && braceDepth === interpolationDepth) {
      interpolationDepth = null;
      emit('interp', s.advance());
      if (readTemplate('')) {
        interpolationDepth = braceDepth;
      }
    } else if ((text = s.match(STRING))) {
      emit('string', text);
    } else if (ch === '/' && regexAllowed(previous) && (text = s.match(REGEX))) {
      emit('regex', text);
    } else if ((text = s.match(NUMBER))) {
      emit('number', text);
    } else if ((text = s.match(IDENTIFIER))) {
      emit(classifyWord(text, previous, s), text);
    } else if ((text = s.match(OPERATOR))) {
      emit('operator', text);
    } else if ((text = s.match(PUNCTUATION))) {
      if (text === '{') {
        braceDepth += 1;
      } else if (text === '}') {
        braceDepth -= 1;
      }
      emit('punctuation', text);
    } else {
      emit('plain', s.advance());
    }
  }
  return tokens;
}

function classifyWord(word, previous, s) {
  const afterDot = previous !== null && previous.type === 'punctuation' && previous.value.endsWith('.');
  const afterOptionalChain = previous !== null && previous.type === 'operator' && previous.value === '?.';
  if (!afterDot && !afterOptionalChain) {
    if (KEYWORDS.has(word)) {
      return 'keyword';
    }
    if (LITERALS.has(word)) {
      return 'literal';
    }
  }
  if (s.test(CALL_FOLLOWS)) {
    return 'function';
  }
  if (afterDot || afterOptionalChain) {
    return 'property';
  }
  return 'plain';
}

function regexAllowed(previous) {
  if (previous === null) {
    return true;
  }
  switch (previous.type) {
    case 'operator':
    case 'interp':
      return true;
    case 'keyword':
      return REGEX_AFTER_KEYWORD.has(previous.value);
    case 'punctuation':
      return /[([{,;]$/.test(previous.value);
    default:
      return false;
  }
}

module.exports = {
  name: 'javascript',
  aliases: ['js', 'mjs', 'cjs', 'jsx'],
  tokenize,
};
