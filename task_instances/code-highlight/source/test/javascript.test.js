'use strict';

const assert = require('assert');
const { tokenize } = require('../src');
const { significant, tokenOf, joined } = require('./helpers');

const js = (code) => tokenize(code, 'javascript');

describe('javascript', () => {
  describe('words', () => {
    it('tells keywords, literals and plain identifiers apart', () => {
      assert.deepStrictEqual(significant(js('const ok = true')), [
        ['keyword', 'const'],
        ['operator', '='],
        ['literal', 'true'],
      ]);
    });

    it('marks called identifiers as functions', () => {
      assert.strictEqual(tokenOf(js('render (tree)'), 'render').type, 'function');
    });

    it('marks members after a dot as properties, even when they are keywords', () => {
      const tokens = js('promise.catch; user?.name');
      assert.strictEqual(tokenOf(tokens, 'name').type, 'property');
      assert.deepStrictEqual(significant(js('a.default')), [['punctuation', '.'], ['property', 'default']]);
    });
  });

  describe('strings and numbers', () => {
    it('reads single and double quoted strings with escapes', () => {
      assert.deepStrictEqual(significant(js(`f('it\\'s', "a\\"b")`)), [
        ['function', 'f'],
        ['punctuation', '('],
        ['string', "'it\\'s'"],
        ['punctuation', ','],
        ['string', '"a\\"b"'],
        ['punctuation', ')'],
      ]);
    });

    it('stops an unterminated string at the end of the line', () => {
      const tokens = js('"open\nnext()');
      assert.strictEqual(tokens[0].value, '"open');
      assert.strictEqual(tokenOf(tokens, 'next').type, 'function');
    });

    it('reads hex, bigint, exponent and separated numbers', () => {
      const numbers = significant(js('0xff 10n 1.5e-3 1_000 .5')).map(([, v]) => v);
      assert.deepStrictEqual(numbers, ['0xff', '10n', '1.5e-3', '1_000', '.5']);
    });
  });

  describe('comments and regular expressions', () => {
    it('reads line and block comments', () => {
      const tokens = js('a; // note\n/* block\n   comment */ b');
      assert.deepStrictEqual(tokens.filter((t) => t.type === 'comment').map((t) => t.value), [
        '// note',
        '/* block\n   comment */',
      ]);
    });

    it('reads a regex literal after an operator or keyword', () => {
      assert.strictEqual(tokenOf(js('const re = /a[/]b/gi;'), '/a[/]b/gi').type, 'regex');
      assert.strictEqual(tokenOf(js('return /x+/.test(s)'), '/x+/').type, 'regex');
    });

    it('reads a slash after a value as division', () => {
      const tokens = js('total / count / 2');
      assert.ok(tokens.every((t) => t.type !== 'regex'));
    });
  });

  describe('template literals', () => {
    it('colours a template without interpolation as one string', () => {
      assert.deepStrictEqual(significant(js('const s = `a "b" c`;')), [
        ['keyword', 'const'],
        ['operator', '='],
        ['string', '`a "b" c`'],
        ['punctuation', ';'],
      ]);
    });

    it('tokenizes interpolated expressions as code', () => {
      assert.deepStrictEqual(significant(js('`Hi ${user.name}!`')), [
        ['string', '`Hi '],
        ['interp', '${'],
        ['punctuation', '.'],
        ['property', 'name'],
        ['interp', '}'],
        ['string', '!`'],
      ]);
    });

    it('keeps object literals inside an interpolation balanced', () => {
      const tokens = js('`${fmt({ a: 1 })} px`; done()');
      assert.deepStrictEqual(tokens.filter((t) => t.type === 'interp').map((t) => t.value), ['${', '}']);
      assert.strictEqual(tokenOf(tokens, ' px`').type, 'string');
      assert.strictEqual(tokenOf(tokens, 'done').type, 'function');
    });

    it('handles several interpolations and escaped backticks', () => {
      const tokens = js('`${a} \\` ${b}`; x');
      assert.deepStrictEqual(tokens.filter((t) => t.type === 'string').map((t) => t.value), ['`', ' \\` ', '`']);
    });
  });

  it('loses no characters', () => {
    const code = 'export default async function* gen(a = {}) {\n  yield* [..."ab"]; /* x */ return a?.b ?? 0x1n;\n}\n';
    assert.strictEqual(joined(js(code)), code);
  });
});
