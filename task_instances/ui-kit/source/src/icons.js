'use strict';

// 16x16 stroke icons drawn with currentColor, so they follow the button's text colour.
const PATHS = {
  plus: '<path d="M8 3v10M3 8h10"/>',
  check: '<path d="M3 8.5l3.2 3L13 4.5"/>',
  close: '<path d="M4 4l8 8M12 4l-8 8"/>',
  mail: '<rect x="2" y="3.5" width="12" height="9" rx="1.5"/><path d="M2.5 4.5L8 9l5.5-4.5"/>',
  trash: '<path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5"/>',
  info: '<circle cx="8" cy="8" r="6"/><path d="M8 7.5V11M8 5v.5"/>',
  settings: '<circle cx="8" cy="8" r="2.2"/><path d="M8 2v2M8 12v2M2 8h2M12 8h2M3.8 3.8l1.4 1.4M10.8 10.8l1.4 1.4M3.8 12.2l1.4-1.4M10.8 5.2l1.4-1.4"/>',
  download: '<path d="M8 2.5v8M4.5 7L8 10.5 11.5 7M3 13.5h10"/>',
};

function iconMarkup(name) {
  const body = PATHS[name];
  if (!body) throw new Error(`tinyui: unknown icon "${name}"`);
  return (
    '<svg class="tui-icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" ' +
    `stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`
  );
}

const ICON_NAMES = Object.keys(PATHS);

module.exports = { iconMarkup, ICON_NAMES };
