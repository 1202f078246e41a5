'use strict';

const { el, text } = require('./svg');
const { colorFor } = require('./palette');

const SWATCH = 12;
const ROW_HEIGHT = 18;

// One row per series: a coloured swatch followed by the series name.
function legend(series, x, y, theme) {
  const rows = series.map((s, i) => {
    const rowY = y + i * ROW_HEIGHT;
    return el('g', { class: 'legend-item' }, [
      el('rect', {
        class: 'swatch', x, y: rowY, width: SWATCH, height: SWATCH,
        fill: s.color || colorFor(i + 1, theme.palette),
      }),
      text(s.name, { x: x + SWATCH + 6, y: rowY + SWATCH - 2, 'font-size': theme.fontSize, fill: theme.textColor }),
    ]);
  });
  return el('g', { class: 'legend' }, rows);
}

module.exports = { legend, SWATCH, ROW_HEIGHT };
