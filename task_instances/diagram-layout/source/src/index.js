'use strict';

const { layout, sizeNode } = require('./layout');
const { render } = require('./render');
const { DEFAULTS, THEME } = require('./options');
const { textWidth, measureLabel } = require('./text');

// layout + render in one go: the SVG string of a diagram config.
function diagram(config) {
  return render(layout(config));
}

module.exports = { diagram, layout, render, sizeNode, textWidth, measureLabel, DEFAULTS, THEME };
