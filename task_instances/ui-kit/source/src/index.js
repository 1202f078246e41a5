'use strict';

const { createButton, setButtonDisabled, VARIANTS, SIZES } = require('./button');
const { createTabs } = require('./tabs');
const { createTooltip, computePosition, PLACEMENTS } = require('./tooltip');
const { createBadge, setBadgeCount, attachBadge, formatCount, BADGE_VARIANTS } = require('./badge');
const { applyTheme, currentTheme, followSystemTheme, THEMES } = require('./theme');
const { ICON_NAMES } = require('./icons');

const VERSION = '3.0.0';

module.exports = {
  VERSION,
  createButton,
  setButtonDisabled,
  createTabs,
  createTooltip,
  computePosition,
  createBadge,
  setBadgeCount,
  attachBadge,
  formatCount,
  applyTheme,
  currentTheme,
  followSystemTheme,
  BUTTON_VARIANTS: VARIANTS,
  BUTTON_SIZES: SIZES,
  TOOLTIP_PLACEMENTS: PLACEMENTS,
  BADGE_VARIANTS,
  THEMES,
  ICON_NAMES,
};
