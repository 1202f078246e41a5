'use strict';

const assert = require('assert');
const { splitLines, parseLineSpec } = require('../src/lines');

describe('lines', () => {
  describe('splitLines', () => {
    it('splits multi-line tokens and keeps their type on every piece', () => {
      const lines = splitLines([
        { type: 'keyword', value: 'let' },
        { type: 'plain', value: ' a;\n' },
        { type: 'comment', value: '/* one\ntwo */' },
      ]);
      assert.deepStrictEqual(lines, [
        [{ type: 'keyword', value: 'let' }, { type: 'plain', value: ' a;' }],
        [{ type: 'comment', value: '/* one' }],
        [{ type: 'comment', value: 'two */' }],
      ]);
    });

    it('returns one empty line for every blank line', () => {
      const lines = splitLines([{ type: 'plain', value: 'a\n\n\nb' }]);
      assert.strictEqual(lines.length, 4);
      assert.deepStrictEqual(lines[1], []);
      assert.deepStrictEqual(lines[2], []);
    });
  });

  describe('parseLineSpec', () => {
    it('reads numbers and ranges from a string', () => {
      assert.deepStrictEqual([...parseLineSpec('2, 5-7')], [2, 5, 6, 7]);
    });

    it('reads arrays mixing numbers and ranges, either way round', () => {
      assert.deepStrictEqual([...parseLineSpec([9, '4-3'])].sort((a, b) => a - b), [3, 4, 9]);
    });

    it('ignores what it cannot read', () => {
      assert.deepStrictEqual([...parseLineSpec('x, 0, 2-a, 3')], [3]);
      assert.strictEqual(parseLineSpec(undefined).size, 0);
    });
  });
});
