'use strict';

const THEMES = ['light', 'dark'];
const ATTRIBUTE = 'data-tui-theme';

// Applies a theme to `root` (document.documentElement by default): the stylesheet switches its CSS
// custom properties on [data-tui-theme="..."], so everything inside `root` follows. Returns `root`.
function applyTheme(name, root) {
  if (!THEMES.includes(name)) throw new Error(`tinyui: unknown theme "${name}"`);
  const target = root || document.documentElement;
  target.setAttribute(ATTRIBUTE, name);
  target.style.colorScheme = name;
  return target;
}

// The theme in effect for `el`: the nearest ancestor (or `el` itself) with the theme attribute, else
// "light", the stylesheet's default.
function currentTheme(el) {
  const holder = (el || document.documentElement).closest(`[${ATTRIBUTE}]`);
  return holder ? holder.getAttribute(ATTRIBUTE) : 'light';
}

// Follows the operating system's light / dark preference until `stop()` is called.
function followSystemTheme(root) {
  const view = document.defaultView;
  if (!view || typeof view.matchMedia !== 'function') {
    applyTheme('light', root);
    return () => {};
  }
  const query = view.matchMedia('(prefers-color-scheme: dark)');
  const sync = () => applyTheme(query.matches ? 'dark' : 'light', root);
  sync();
  query.addEventListener('change', sync);
  return () => query.removeEventListener('change', sync);
}

module.exports = { applyTheme, currentTheme, followSystemTheme, THEMES, ATTRIBUTE };
