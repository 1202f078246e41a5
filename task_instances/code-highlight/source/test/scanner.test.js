'use strict';

const assert = require('assert');
const { Scanner } = require('../src/scanner');

describe('Scanner', () => {
  describe('match', () => {
    it('consumes a sticky match and returns its text', () => {
      const s = new Scanner('let x');
      assert.strictEqual(s.match(/[a-z]+/y), 'let');
      assert.strictEqual(s.pos, 3);
    });

    it('returns null and stays put when nothing matches at the cursor', () => {
      const s = new Scanner('  let');
      assert.strictEqual(s.match(/[a-z]+/y), null);
      assert.strictEqual(s.pos, 0);
    });

    it('refuses regexes without the sticky flag', () => {
      assert.throws(() => new Scanner('x').match(/x/), /sticky/);
    });
  });

  describe('look-ahead', () => {
    it('peeks and tests without moving the cursor', () => {
      const s = new Scanner('${a}');
      assert.strictEqual(s.peek(), '$');
      assert.strictEqual(s.peek(1), '{');
      assert.ok(s.test(/\$\{/y));
      assert.strictEqual(s.pos, 0);
    });

    it('advances to the end and reports eof', () => {
      const s = new Scanner('ab');
      assert.strictEqual(s.advance(5), 'ab');
      assert.ok(s.eof());
    });
  });
});
