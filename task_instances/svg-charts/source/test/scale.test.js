const { linearScale, bandScale, niceStep } = require('../src/scale');

describe('linearScale', () => {
  const scale = linearScale([0, 100], [300, 0]);

  test('maps the ends of the domain onto the ends of the range', () => {
    expect(scale(0)).toBe(300);
    expect(scale(100)).toBe(0);
  });

  test('interpolates between the ends', () => {
    expect(scale(25)).toBe(225);
  });

  describe('ticks', () => {
    test('are round numbers covering the domain', () => {
      expect(scale.ticks(5)).toEqual([0, 20, 40, 60, 80, 100]);
    });

    test('work for a domain below zero', () => {
      expect(linearScale([-10, 10], [0, 100]).ticks(4)).toEqual([-10, -5, 0, 5, 10]);
    });
  });

  test('nice() extends the domain to round values', () => {
    expect(linearScale([0, 87], [0, 1]).nice().domain()).toEqual([0, 100]);
  });
});

describe('niceStep', () => {
  test('picks 1, 2, 5 or 10 times a power of ten', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(1000, 4)).toBe(500);
  });
});

describe('bandScale', () => {
  const scale = bandScale(['a', 'b', 'c', 'd'], [0, 400], 0.5);

  test('gives each category an equal step', () => {
    expect(scale.step()).toBe(100);
    expect(scale.bandwidth()).toBe(50);
  });

  test('centres bands in their step', () => {
    expect(scale('a')).toBe(25);
    expect(scale('c')).toBe(225);
  });

  test('returns undefined for an unknown category', () => {
    expect(scale('z')).toBeUndefined();
  });
});
