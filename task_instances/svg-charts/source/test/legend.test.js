const { legend, ROW_HEIGHT } = require('../src/legend');
const { LIGHT } = require('../src/theme');
const { elements } = require('./helpers');

describe('legend', () => {
  const series = [{ name: 'apples' }, { name: 'pears' }, { name: 'plums' }];

  test('has one row per series', () => {
    expect(elements(legend(series, 0, 0, LIGHT), 'rect')).toHaveLength(3);
  });

  test('shows the series names in order', () => {
    const svg = legend(series, 0, 0, LIGHT);
    expect(svg.indexOf('apples')).toBeLessThan(svg.indexOf('pears'));
    expect(svg.indexOf('pears')).toBeLessThan(svg.indexOf('plums'));
  });

  test('stacks rows vertically', () => {
    const swatches = elements(legend(series, 10, 40, LIGHT), 'rect');
    expect(swatches.map((s) => s.y)).toEqual([40, 40 + ROW_HEIGHT, 40 + 2 * ROW_HEIGHT]);
  });

  test('uses an explicit series colour when given', () => {
    const swatches = elements(legend([{ name: 'x', color: '#123456' }], 0, 0, LIGHT), 'rect');
    expect(swatches[0].fill).toBe('#123456');
  });
});
