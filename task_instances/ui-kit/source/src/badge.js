'use strict';

const { h, cx } = require('./dom');

const BADGE_VARIANTS = ['danger', 'primary', 'neutral', 'success'];

// The text a badge shows for a count: counts above `max` collapse to "<max>+".
function formatCount(count, max) {
  const limit = max == null ? 99 : max;
  if (!Number.isFinite(count) || count < 0) throw new Error(`tinyui: badge count must be a number >= 0, got ${count}`);
  const whole = Math.floor(count);
  return whole > limit ? `${limit}+` : String(whole);
}

// createBadge({ count, max, variant, dot, showZero, label })
//
// Returns <span class="tui-badge tui-badge--<variant>">12</span>. A `dot` badge shows no text. A
// count of 0 hides the badge unless `showZero` is set. `label` is read by screen readers
// ("12 unread messages"); it defaults to the count.
function createBadge(options) {
  const o = Object.assign({ count: 0, max: 99, variant: 'danger', dot: false, showZero: false }, options);
  if (!BADGE_VARIANTS.includes(o.variant)) throw new Error(`tinyui: unknown badge variant "${o.variant}"`);
  const text = o.dot ? '' : formatCount(o.count, o.max);
  const badge = h('span', {
    className: cx('tui-badge', `tui-badge--${o.variant}`, o.dot && 'tui-badge--dot'),
    text,
    attrs: { role: 'status', 'aria-label': o.label || (o.dot ? 'new' : text) },
  });
  if (o.count === 0 && !o.showZero && !o.dot) badge.hidden = true;
  return badge;
}

// Updates the count of an existing (non-dot) badge.
function setBadgeCount(badge, count, max) {
  const text = formatCount(count, max);
  badge.textContent = text;
  badge.setAttribute('aria-label', text);
  badge.hidden = count === 0;
  return badge;
}

// Pins a badge to the top-right corner of `target` (a button, an avatar, an icon).
function attachBadge(target, badge) {
  target.classList.add('tui-badge-host');
  badge.classList.add('tui-badge--floating');
  target.appendChild(badge);
  return target;
}

module.exports = { createBadge, setBadgeCount, attachBadge, formatCount, BADGE_VARIANTS };
