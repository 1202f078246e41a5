'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { DEFAULTS, THEME, resolveOptions, normalizeDirection, isHorizontal } = require('../src/options');

describe('options', () => {
  it('falls back to the defaults', () => {
    const options = resolveOptions({ nodes: [] });
    for (const key of Object.keys(DEFAULTS)) assert.equal(options[key], DEFAULTS[key], key);
    assert.deepEqual(options.theme, THEME);
  });

  it('takes options from the top level of the config', () => {
    const options = resolveOptions({ nodeSep: 10, rankSep: 80, fontSize: 16 });
    assert.deepEqual([options.nodeSep, options.rankSep, options.fontSize], [10, 80, 16]);
  });

  describe('direction', () => {
    it('accepts any case and the TD alias', () => {
      assert.equal(normalizeDirection('lr'), 'LR');
      assert.equal(normalizeDirection('Rl'), 'RL');
      assert.equal(normalizeDirection('TD'), 'TB');
      assert.equal(normalizeDirection(undefined), 'TB');
    });

    it('rejects unknown directions', () => {
      assert.throws(() => resolveOptions({ direction: 'sideways' }), /unknown direction "sideways"/);
    });

    it('knows which directions are horizontal', () => {
      assert.deepEqual(['TB', 'BT', 'LR', 'RL'].map(isHorizontal), [false, false, true, true]);
    });
  });

  it('merges theme overrides into the default theme', () => {
    const options = resolveOptions({ theme: { nodeFill: '#fde68a' } });
    assert.equal(options.theme.nodeFill, '#fde68a');
    assert.equal(options.theme.edgeStroke, THEME.edgeStroke);
  });

  it('rejects negative spacing', () => {
    assert.throws(() => resolveOptions({ nodeSep: -5 }), /nodeSep must be a non-negative number/);
  });
});
