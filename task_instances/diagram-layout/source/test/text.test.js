'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { charWidth, textWidth, splitLines, measureLabel } = require('../src/text');

describe('text', () => {
  it('gives narrow letters less room than wide ones', () => {
    assert.ok(charWidth('i') < charWidth('a'));
    assert.ok(charWidth('a') < charWidth('W'));
    assert.ok(textWidth('iiii', 14) < textWidth('MMMM', 14));
  });

  it('scales with the font size', () => {
    assert.equal(textWidth('Deploy', 28), 2 * textWidth('Deploy', 14));
  });

  it('grows with the length of the text', () => {
    assert.ok(textWidth('Write to warehouse', 14) > textWidth('Write', 14) * 3);
    assert.equal(textWidth('', 14), 0);
  });

  it('splits labels on newlines', () => {
    assert.deepEqual(splitLines('Deploy to\nstaging'), ['Deploy to', 'staging']);
    assert.deepEqual(splitLines('a\r\nb'), ['a', 'b']);
    assert.deepEqual(splitLines(''), []);
  });

  it('measures a multi-line label by its widest line', () => {
    const size = measureLabel('Go\nSomewhere far', 10, 1.5);
    assert.equal(size.width, textWidth('Somewhere far', 10));
    assert.equal(size.height, 30);
    assert.deepEqual(size.lines, ['Go', 'Somewhere far']);
  });
});
