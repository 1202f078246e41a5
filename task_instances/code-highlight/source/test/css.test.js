'use strict';

const assert = require('assert');
const { tokenize } = require('../src');
const { significant, tokenOf, joined } = require('./helpers');

const css = (code) => tokenize(code, 'css');

describe('css', () => {
  describe('rules', () => {
    it('reads a selector, properties and values', () => {
      assert.deepStrictEqual(significant(css('.btn:hover > a { color: red; }')), [
        ['selector', '.btn:hover > a'],
        ['punctuation', '{'],
        ['property', 'color'],
        ['punctuation', ':'],
        ['value', 'red'],
        ['punctuation', ';'],
        ['punctuation', '}'],
      ]);
    });

    it('reads numbers with units, hex colours, functions and !important', () => {
      const tokens = css('a { margin: -4px 1.5em; color: #0af !important; width: calc(100% - 2rem) }');
      for (const number of ['-4px', '1.5em', '#0af', '100%', '2rem']) {
        assert.strictEqual(tokenOf(tokens, number).type, 'number', number);
      }
      assert.strictEqual(tokenOf(tokens, '!important').type, 'keyword');
      assert.strictEqual(tokenOf(tokens, 'calc').type, 'function');
    });

    it('reads custom properties and var()', () => {
      const tokens = css(':root { --accent: #ff0; } a { color: var(--accent); }');
      assert.strictEqual(tokens.filter((t) => t.value === '--accent')[0].type, 'property');
      assert.strictEqual(tokens.filter((t) => t.value === '--accent')[1].type, 'value');
      assert.strictEqual(tokenOf(tokens, 'var').type, 'function');
    });
  });

  describe('at-rules', () => {
    it('reads selectors again inside @media blocks', () => {
      const tokens = css('@media (max-width: 600px) {\n  .nav { display: none; }\n}');
      assert.strictEqual(tokenOf(tokens, '@media').type, 'keyword');
      assert.strictEqual(tokenOf(tokens, '.nav').type, 'selector');
      assert.strictEqual(tokenOf(tokens, 'display').type, 'property');
    });

    it('reads declarations inside @font-face', () => {
      const tokens = css('@font-face { font-family: "Glow Mono"; src: url(glow.woff2); }');
      assert.strictEqual(tokenOf(tokens, 'font-family').type, 'property');
      assert.strictEqual(tokenOf(tokens, '"Glow Mono"').type, 'string');
    });
  });

  it('keeps comments and loses no characters', () => {
    const code = '/* reset */\nbody{margin:0}/* end';
    const tokens = css(code);
    assert.strictEqual(tokens[0].type, 'comment');
    assert.strictEqual(tokens[tokens.length - 1].value, '/* end');
    assert.strictEqual(joined(tokens), code);
  });
});
