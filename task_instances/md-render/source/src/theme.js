'use strict';

const fs = require('fs');
const path = require('path');

const THEME_FILE = path.join(__dirname, 'theme.css');
const THEMES = ['light', 'dark'];

let cached = null;

/** The default stylesheet (theme.css). Every rule is scoped to the `.md` container. */
function stylesheet() {
  if (cached === null) cached = fs.readFileSync(THEME_FILE, 'utf8');
  return cached;
}

/** Class attribute value of the container element for a theme name. */
function containerClass(theme = 'light') {
  if (!THEMES.includes(theme)) {
    throw new Error(`md-render: unknown theme "${theme}" (expected one of ${THEMES.join(', ')})`);
  }
  return theme === 'light' ? 'md' : `md md--${theme}`;
}

module.exports = { stylesheet, containerClass, THEMES, THEME_FILE };
