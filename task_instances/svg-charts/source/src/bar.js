'use strict';

const { el, text, formatNumber } = require('./svg');
const { linearScale, bandScale } = require('./scale');
const { valueExtent, validateSeries } = require('./data');
const { xAxis, yAxis } = require('./axis');
const { legend } = require('./legend');
const { colorFor } = require('./palette');
const { resolveTheme } = require('./theme');

const DEFAULTS = { width: 480, height: 300, margin: { top: 30, right: 110, bottom: 30, left: 44 } };
const TICK_COUNT = 5;

// Horizontal lines behind the bars, one per y tick.
function gridLines(y, plot, theme) {
  const lines = y.ticks(TICK_COUNT).map((value) => el('line', {
    x1: plot.left, x2: plot.right, y1: y(value), y2: y(value), stroke: theme.gridColor,
  }));
  return el('g', { class: 'grid' }, lines);
}

// Renders a grouped bar chart: one group per category, one bar per series.
function barChart(config) {
  const { categories, series } = config;
  validateSeries(categories, series);
  const width = config.width || DEFAULTS.width;
  const height = config.height || DEFAULTS.height;
  const margin = Object.assign({}, DEFAULTS.margin, config.margin);
  const theme = resolveTheme(config.theme);
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };

  const x = bandScale(categories, [plot.left, plot.right], 0.25);
  const y = linearScale(valueExtent(series), [plot.bottom, plot.top]).nice(TICK_COUNT);
  const barWidth = x.bandwidth() / series.length;

  const bars = [];
  const labels = [];
  series.forEach((s, si) => {
    const fill = s.color || colorFor(si, theme.palette);
    s.values.forEach((value, ci) => {
      const barX = x(categories[ci]) + si * barWidth;
      const barY = y(value);
      const barHeight = Math.abs(y(0) - y(value));
      bars.push(el('rect', {
        class: 'bar', 'data-series': s.name, 'data-category': categories[ci],
        x: barX, y: barY, width: barWidth, height: barHeight, fill,
      }));
      if (config.valueLabels) {
        labels.push(text(formatNumber(value), {
          class: 'value-label', x: barX + x.bandwidth() / 2, y: barY - 4,
          'text-anchor': 'middle', 'font-size': theme.fontSize - 1, fill: theme.textColor,
        }));
      }
    });
  });

  const children = [
    el('rect', { class: 'background', width, height, fill: theme.background }),
    config.title
      ? text(config.title, { class: 'title', x: width / 2, y: 18, 'text-anchor': 'middle', 'font-size': theme.fontSize + 3, fill: theme.textColor })
      : '',
    config.grid ? gridLines(y, plot, theme) : '',
    yAxis(y, plot.left, theme, TICK_COUNT),
    el('g', { class: 'bars' }, bars),
    el('line', { class: 'baseline', x1: plot.left, x2: plot.right, y1: y(0), y2: y(0), stroke: theme.axisColor }),
    xAxis(x, plot.bottom, theme),
    labels.length ? el('g', { class: 'value-labels' }, labels) : '',
    config.legend === false ? '' : legend(series, plot.right + 16, plot.top, theme),
  ];
  return el('svg', {
    xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`,
    'font-family': theme.fontFamily,
  }, children);
}

module.exports = { barChart, DEFAULTS };
