'use strict';

const fs = require('fs');
const path = require('path');

const THEMES = Object.freeze(['light', 'dark']);

function readSheet(name) {
  return fs.readFileSync(path.join(__dirname, `${name}.css`), 'utf8');
}

/** The stylesheet a page needs for one theme: the shared layout, then the theme's colours. */
function themeCss(name = 'light') {
  if (!THEMES.includes(name)) {
    throw new Error(`unknown theme "${name}" (known: ${THEMES.join(', ')})`);
  }
  return `${readSheet('base')}\n${readSheet(name)}`;
}

/** Layout plus every theme, for pages that switch themes at run time. */
function allThemesCss() {
  return [readSheet('base'), ...THEMES.map(readSheet)].join('\n');
}

module.exports = { THEMES, themeCss, allThemesCss, readSheet };
