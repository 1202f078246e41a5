'use strict';

const { h, cx, svg } = require('./dom');
const { iconMarkup } = require('./icons');

const VARIANTS = ['primary', 'secondary', 'ghost', 'danger'];
const SIZES = ['sm', 'md', 'lg'];

// createButton({ label, variant, size, disabled, icon, iconPosition, ariaLabel, type, onClick })
//
// Returns a <button class="tui-btn tui-btn--<variant> tui-btn--<size>">. With `icon` and no `label`
// the button is icon-only and needs an `ariaLabel`.
function createButton(options) {
  const o = Object.assign({ variant: 'primary', size: 'md', iconPosition: 'start', type: 'button' }, options);
  if (!VARIANTS.includes(o.variant)) throw new Error(`tinyui: unknown button variant "${o.variant}"`);
  if (!SIZES.includes(o.size)) throw new Error(`tinyui: unknown button size "${o.size}"`);
  const iconOnly = Boolean(o.icon) && !o.label;
  if (iconOnly && !o.ariaLabel) throw new Error('tinyui: an icon-only button needs an ariaLabel');

  const icon = o.icon ? svg(iconMarkup(o.icon)) : null;
  const label = o.label ? h('span', { className: 'tui-btn__label', text: o.label }) : null;
  const children = o.iconPosition === 'end' ? [label, icon] : [icon, label];

  const button = h(
    'button',
    {
      className: cx('tui-btn', `tui-btn--${o.variant}`, `tui-btn--${o.size}`, iconOnly && 'tui-btn--icon-only'),
      attrs: { type: o.type, 'aria-label': o.ariaLabel },
    },
    children,
  );
  if (typeof o.onClick === 'function') button.addEventListener('click', o.onClick);
  setButtonDisabled(button, Boolean(o.disabled));
  return button;
}

// Disables or enables a button made by createButton. The native `disabled` attribute blocks clicks
// and focus; aria-disabled is kept in sync for assistive technology that reads it.
function setButtonDisabled(button, disabled) {
  button.disabled = disabled;
  if (disabled) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
  return button;
}

module.exports = { createButton, setButtonDisabled, VARIANTS, SIZES };
