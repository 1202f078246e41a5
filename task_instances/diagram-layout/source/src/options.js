'use strict';

// Layout and style options with their defaults. Every option can be given at the top level of a
// diagram config; `theme` overrides single colours.

const DIRECTIONS = ['TB', 'BT', 'LR', 'RL'];
const ALIASES = { TD: 'TB' };

const DEFAULTS = {
  direction: 'TB',
  nodeSep: 30, // gap between neighbouring boxes of one rank
  rankSep: 50, // gap between ranks
  margin: 20, // empty space around the drawing
  paddingX: 14, // inside a box, left and right of its label
  paddingY: 9, // inside a box, above and below its label
  minNodeWidth: 64,
  fontSize: 14,
  lineHeight: 1.3,
  fontFamily: 'Helvetica, Arial, sans-serif',
  edgeFontSize: 12,
  labelPadding: 4, // around an edge label, inside its background
  arrowSize: 10,
  loopSize: 26, // how far a self-loop reaches out of its box
  cornerRadius: 4,
  strokeWidth: 1.5,
  idPrefix: 'boxline',
};

const THEME = {
  background: '#ffffff',
  nodeFill: '#f8fafc',
  nodeStroke: '#334155',
  nodeText: '#0f172a',
  edgeStroke: '#475569',
  labelFill: '#ffffff',
  labelText: '#334155',
};

function normalizeDirection(direction) {
  const upper = String(direction || DEFAULTS.direction).toUpperCase();
  const resolved = ALIASES[upper] || upper;
  if (!DIRECTIONS.includes(resolved)) {
    throw new Error(`unknown direction "${direction}" (use one of ${DIRECTIONS.join(', ')})`);
  }
  return resolved;
}

function resolveOptions(config) {
  const options = {};
  for (const key of Object.keys(DEFAULTS)) {
    options[key] = config && config[key] !== undefined ? config[key] : DEFAULTS[key];
  }
  for (const key of ['nodeSep', 'rankSep', 'margin', 'paddingX', 'paddingY', 'minNodeWidth', 'fontSize', 'edgeFontSize']) {
    if (typeof options[key] !== 'number' || !(options[key] >= 0)) {
      throw new Error(`option ${key} must be a non-negative number`);
    }
  }
  options.direction = normalizeDirection(options.direction);
  options.theme = Object.assign({}, THEME, (config && config.theme) || {});
  return options;
}

function isHorizontal(direction) {
  return direction === 'LR' || direction === 'RL';
}

module.exports = { DEFAULTS, THEME, DIRECTIONS, resolveOptions, normalizeDirection, isHorizontal };
