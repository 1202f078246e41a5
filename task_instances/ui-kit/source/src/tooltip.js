'use strict';

const { h, uid } = require('./dom');

const PLACEMENTS = ['top', 'bottom', 'left', 'right'];

// Where the tooltip's top-left corner goes, in the same coordinates as `anchor` (a DOMRect-like
// { top, left, width, height }), for a tooltip of `size` ({ width, height }) placed `offset` pixels
// away from the anchor on the `placement` side. Tooltips are centred on the anchor along the other
// axis; the arrow drawn by the stylesheet sits in the middle of the side facing the anchor.
function computePosition(anchor, size, placement, offset) {
  const gap = offset == null ? 8 : offset;
  const centerX = anchor.left + anchor.width / 2;
  const centerY = anchor.top + anchor.height / 2;
  switch (placement) {
    case 'top':
      return { top: anchor.top - size.height - gap, left: centerX - size.width / 2 };
    case 'bottom':
      return { top: anchor.top + anchor.height + gap, left: centerX - size.width / 2 };
    case 'left':
      return { top: centerY - size.height / 2, left: anchor.left - gap };
    case 'right':
      return { top: centerY - size.height / 2, left: anchor.left + anchor.width + gap };
    default:
      throw new Error(`tinyui: unknown tooltip placement "${placement}"`);
  }
}

// createTooltip(anchor, { text, placement, offset, container, trigger })
//
// Creates <div class="tui-tooltip tui-tooltip--<placement>" role="tooltip"> inside `container`
// (document.body by default) and links it to `anchor` with aria-describedby. With trigger 'hover'
// (the default) it shows on mouseenter / focus and hides on mouseleave / blur / Escape; with
// 'manual' call show() and hide() yourself. Returns { element, show, hide, update, destroy }.
function createTooltip(anchor, options) {
  const o = Object.assign({ placement: 'top', offset: 8, trigger: 'hover' }, options);
  if (!PLACEMENTS.includes(o.placement)) throw new Error(`tinyui: unknown tooltip placement "${o.placement}"`);
  const container = o.container || document.body;
  const element = h('div', {
    className: `tui-tooltip tui-tooltip--${o.placement}`,
    text: o.text,
    attrs: { role: 'tooltip', id: uid('tooltip'), hidden: true },
    dataset: { placement: o.placement },
  });
  container.appendChild(element);
  anchor.setAttribute('aria-describedby', element.id);

  // Anchor rectangle relative to the container's padding box, so the absolutely positioned tooltip
  // lines up wherever the container sits in the page.
  function anchorRect() {
    const a = anchor.getBoundingClientRect();
    if (container === document.body) {
      const view = document.defaultView;
      return { top: a.top + view.scrollY, left: a.left + view.scrollX, width: a.width, height: a.height };
    }
    const c = container.getBoundingClientRect();
    return {
      top: a.top - c.top + container.scrollTop - container.clientTop,
      left: a.left - c.left + container.scrollLeft - container.clientLeft,
      width: a.width,
      height: a.height,
    };
  }

  function update() {
    const size = { width: element.offsetWidth, height: element.offsetHeight };
    const pos = computePosition(anchorRect(), size, o.placement, o.offset);
    element.style.top = `${Math.round(pos.top)}px`;
    element.style.left = `${Math.round(pos.left)}px`;
    return pos;
  }

  function show() {
    element.hidden = false;
    element.classList.add('tui-tooltip--visible');
    update();
  }

  function hide() {
    element.hidden = true;
    element.classList.remove('tui-tooltip--visible');
  }

  function onKeydown(event) {
    if (event.key === 'Escape') hide();
  }

  const listeners = o.trigger === 'hover'
    ? [['mouseenter', show], ['focus', show], ['mouseleave', hide], ['blur', hide], ['keydown', onKeydown]]
    : [];
  for (const [type, fn] of listeners) anchor.addEventListener(type, fn);

  return {
    element,
    show,
    hide,
    update,
    destroy() {
      for (const [type, fn] of listeners) anchor.removeEventListener(type, fn);
      anchor.removeAttribute('aria-describedby');
      element.remove();
    },
  };
}

module.exports = { createTooltip, computePosition, PLACEMENTS };
