'use strict';

// Helpers that look at the data before anything is drawn.

function allValues(series) {
  return series.reduce((values, s) => values.concat(s.values), []);
}

// The value range the y axis must show. Bars grow from zero, so zero is always included.
function valueExtent(series) {
  const values = allValues(series);
  if (values.length === 0) return [0, 1];
  const max = Math.max(0, ...values);
  return [0, max === 0 ? 1 : max];
}

function validateSeries(categories, series) {
  series.forEach((s) => {
    if (!Array.isArray(s.values) || s.values.length !== categories.length) {
      throw new Error(`series "${s.name}" must have one value per category (${categories.length})`);
    }
  });
}

module.exports = { allValues, valueExtent, validateSeries };
