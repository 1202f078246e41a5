'use strict';

const { DEFAULT_PALETTE } = require('./palette');

const LIGHT = {
  background: '#ffffff',
  textColor: '#333333',
  axisColor: '#888888',
  gridColor: '#e5e5e5',
  fontSize: 11,
  fontFamily: 'sans-serif',
  palette: DEFAULT_PALETTE,
};

const DARK = Object.assign({}, LIGHT, {
  background: '#1e1e1e',
  textColor: '#dddddd',
  axisColor: '#aaaaaa',
  gridColor: '#333333',
});

function resolveTheme(theme) {
  if (!theme || theme === 'light') return LIGHT;
  if (theme === 'dark') return DARK;
  return Object.assign({}, LIGHT, theme);
}

module.exports = { LIGHT, DARK, resolveTheme };
