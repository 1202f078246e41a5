'use strict';

const { el, text, formatNumber } = require('./svg');

function xAxis(scale, y, theme) {
  const half = scale.bandwidth() / 2;
  const ticks = scale.domain().map((category) => {
    const x = scale(category) + half;
    return el('g', { class: 'tick', transform: `translate(${formatNumber(x)},0)` }, [
      el('line', { y1: y, y2: y + 5, stroke: theme.axisColor }),
      text(category, { y: y + 18, 'text-anchor': 'middle', 'font-size': theme.fontSize, fill: theme.textColor }),
    ]);
  });
  return el('g', { class: 'axis axis-x' }, ticks);
}

function yAxis(scale, x, theme, count = 5) {
  const [r0, r1] = scale.range();
  const ticks = scale.ticks(count).map((value) => {
    const y = scale(value);
    // Tick values are multiples of the tick step, so they are printed as they are:
    // formatNumber() would round the labels of a 0.005 step to two decimals.
    return el('g', { class: 'tick', transform: `translate(0,${formatNumber(y)})` }, [
      el('line', { x1: x - 5, x2: x, stroke: theme.axisColor }),
      text(value, {
        x: x - 8, dy: '0.32em', 'text-anchor': 'end', 'font-size': theme.fontSize, fill: theme.textColor,
      }),
    ]);
  });
  const domainLine = el('line', { class: 'domain', x1: x, x2: x, y1: r0, y2: r1, stroke: theme.axisColor });
  return el('g', { class: 'axis axis-y' }, [domainLine, ...ticks]);
}

module.exports = { xAxis, yAxis };
