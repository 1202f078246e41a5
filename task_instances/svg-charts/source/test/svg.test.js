const { el, text, escape, formatNumber } = require('../src/svg');

describe('svg builder', () => {
  test('escapes attribute values and text', () => {
    expect(escape('<a href="x">&')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;');
    expect(text('a < b')).toBe('<text>a &lt; b</text>');
  });

  test('self-closes empty elements and skips missing attributes', () => {
    expect(el('rect', { x: 1, y: undefined, fill: 'red' })).toBe('<rect x="1" fill="red"/>');
  });

  test('rounds numbers to two decimals', () => {
    expect(formatNumber(1 / 3)).toBe('0.33');
    expect(formatNumber(12)).toBe('12');
  });
});
