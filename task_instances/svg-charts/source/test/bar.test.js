const { barChart } = require('../src');
const { elements } = require('./helpers');

const config = {
  title: 'Sales',
  categories: ['Mon', 'Tue', 'Wed'],
  series: [
    { name: 'north', values: [10, 20, 30] },
    { name: 'south', values: [5, 15, 25] },
  ],
};

describe('barChart', () => {
  test('draws one bar per series and category', () => {
    expect(elements(barChart(config), 'rect').filter((r) => r.class === 'bar')).toHaveLength(6);
  });

  test('bars of positive values stand on the baseline', () => {
    const svg = barChart(config);
    const baseline = elements(svg, 'line').find((l) => l.class === 'baseline');
    elements(svg, 'rect').filter((r) => r.class === 'bar').forEach((bar) => {
      expect(bar.y + bar.height).toBeCloseTo(baseline.y1, 1);
    });
  });

  test('taller values give taller bars', () => {
    const bars = elements(barChart(config), 'rect').filter((r) => r.class === 'bar' && r['data-series'] === 'north');
    expect(bars[2].height).toBeGreaterThan(bars[0].height);
  });

  test('bars take the palette colour of their series', () => {
    const bars = elements(barChart(config), 'rect').filter((r) => r.class === 'bar');
    expect(bars[0].fill).toBe('#4e79a7');
    expect(bars[3].fill).toBe('#f28e2b');
  });

  test('renders the title', () => {
    expect(barChart(config)).toContain('>Sales</text>');
  });

  describe('options', () => {
    test('valueLabels adds one label per bar', () => {
      const labels = elements(barChart(Object.assign({ valueLabels: true }, config)), 'text')
        .filter((t) => t.class === 'value-label');
      expect(labels).toHaveLength(6);
    });

    test('legend: false leaves the legend out', () => {
      expect(barChart(Object.assign({ legend: false }, config))).not.toContain('class="legend"');
    });

    test('dark theme changes the background', () => {
      const background = elements(barChart(Object.assign({ theme: 'dark' }, config)), 'rect')[0];
      expect(background.fill).toBe('#1e1e1e');
    });

    test('grid: true draws a line behind every y tick', () => {
      const svg = barChart(Object.assign({ grid: true }, config));
      const grid = svg.match(/<g class="grid">(.*?)<\/g>/)[1];
      // values up to 30 give y ticks at 0, 10, 20 and 30
      expect(elements(grid, 'line').map((l) => l.y1)).toEqual([270, 190, 110, 30]);
      expect(svg.indexOf('class="grid"')).toBeLessThan(svg.indexOf('class="bars"'));
    });

    test('no grid unless asked for', () => {
      expect(barChart(config)).not.toContain('class="grid"');
    });
  });

  test('rejects a series with the wrong number of values', () => {
    expect(() => barChart({ categories: ['a', 'b'], series: [{ name: 's', values: [1] }] })).toThrow(/one value per category/);
  });
});
