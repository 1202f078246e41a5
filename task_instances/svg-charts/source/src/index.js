'use strict';

const { barChart } = require('./bar');
const { linearScale, bandScale } = require('./scale');
const { DEFAULT_PALETTE, colorFor } = require('./palette');
const { LIGHT, DARK } = require('./theme');

module.exports = { barChart, linearScale, bandScale, DEFAULT_PALETTE, colorFor, themes: { light: LIGHT, dark: DARK } };
