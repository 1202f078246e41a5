const { xAxis, yAxis } = require('../src/axis');
const { linearScale, bandScale } = require('../src/scale');
const { LIGHT } = require('../src/theme');

describe('axes', () => {
  test('x axis labels every category', () => {
    const svg = xAxis(bandScale(['Q1', 'Q2'], [0, 200]), 100, LIGHT);
    expect(svg).toContain('>Q1</text>');
    expect(svg).toContain('>Q2</text>');
  });

  test('y axis labels the ticks of its scale', () => {
    const svg = yAxis(linearScale([0, 50], [200, 0]), 40, LIGHT);
    ['0', '10', '20', '30', '40', '50'].forEach((label) => expect(svg).toContain(`>${label}</text>`));
  });
});
