'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { escape, escapeAttr, num, attrs, el } = require('../src/svg');

describe('svg', () => {
  describe('escaping', () => {
    it('escapes markup characters in text', () => {
      assert.equal(escape('a < b && c > "d"'), 'a &lt; b &amp;&amp; c &gt; &quot;d&quot;');
    });

    it('keeps > readable in attribute values', () => {
      assert.equal(escapeAttr('a->b & "c" <d>'), 'a->b &amp; &quot;c&quot; &lt;d>');
    });
  });

  describe('num', () => {
    it('rounds to two decimals without trailing zeros', () => {
      assert.deepEqual([num(12), num(12.5), num(12.3333), num(0.005)], ['12', '12.5', '12.33', '0.01']);
    });

    it('never writes -0', () => {
      assert.equal(num(-0.001), '0');
    });
  });

  describe('attrs and el', () => {
    it('skips undefined, null and false attributes', () => {
      assert.equal(attrs({ a: 1, b: undefined, c: null, d: false, e: 'x' }), ' a="1" e="x"');
    });

    it('self-closes empty elements and nests children', () => {
      assert.equal(el('rect', { width: 10 }), '<rect width="10"/>');
      assert.equal(el('g', { class: 'n' }, ['<a/>', '<b/>']), '<g class="n"><a/><b/></g>');
    });
  });
});
