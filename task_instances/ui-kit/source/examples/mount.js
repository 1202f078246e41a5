/* Browser-side half of the render example: builds the components a JSON config describes.
 * render.js inlines this file after the library bundle and calls mount(window.tinyui, root, config).
 *
 * config: { theme, title, components: [ ...items ] } where an item is one of
 *   { type: 'button', label, variant, size, icon, iconPosition, disabled, ariaLabel, badge: { count, ... } }
 *   { type: 'badge', count, max, variant, dot, text }          a badge after an optional text
 *   { type: 'tabs', tabs: [{ id, label, content }], active, keys: ['ArrowRight', ...] }
 *   { type: 'tooltip', text, placement, anchor: { ...button options } }
 *   { type: 'row', items: [ ...items ] } / { type: 'text', text } / { type: 'heading', text }
 */
/* eslint-env browser */
function mount(tinyui, root, config) {
  'use strict';

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  var afterLayout = [];

  function build(item) {
    switch (item.type) {
      case 'row': {
        var row = el('div', 'demo-row');
        (item.items || []).forEach(function (child) { row.appendChild(build(child)); });
        return row;
      }
      case 'text':
        return el('p', 'demo-text', item.text);
      case 'heading':
        return el('h2', 'demo-heading', item.text);
      case 'button': {
        var button = tinyui.createButton(item);
        if (item.badge) tinyui.attachBadge(button, tinyui.createBadge(item.badge));
        return button;
      }
      case 'badge': {
        var wrap = el('span', 'demo-badge');
        if (item.text) wrap.appendChild(el('span', 'demo-badge__text', item.text));
        wrap.appendChild(tinyui.createBadge(item));
        return wrap;
      }
      case 'tabs': {
        var tabs = tinyui.createTabs({ tabs: item.tabs, active: item.active });
        var holder = el('div', 'demo-tabs');
        holder.appendChild(tabs.element);
        afterLayout.push(function () {
          (item.keys || []).forEach(function (key) {
            var focused = tabs.element.querySelector('[role="tab"][tabindex="0"]');
            focused.focus();
            focused.dispatchEvent(new KeyboardEvent('keydown', { key: key, bubbles: true, cancelable: true }));
          });
          if ((item.keys || []).length && item.blur !== false && document.activeElement) document.activeElement.blur();
        });
        return holder;
      }
      case 'tooltip': {
        var stage = el('div', 'demo-stage demo-stage--' + (item.placement || 'top'));
        var anchor = tinyui.createButton(item.anchor || { label: 'Hover me', variant: 'secondary' });
        stage.appendChild(anchor);
        var tip = tinyui.createTooltip(anchor, {
          text: item.text,
          placement: item.placement,
          offset: item.offset,
          container: stage,
          trigger: 'manual',
        });
        afterLayout.push(tip.show);
        return stage;
      }
      default:
        throw new Error('render example: unknown item type "' + item.type + '"');
    }
  }

  tinyui.applyTheme(config.theme || 'light', document.documentElement);
  if (config.title) root.appendChild(el('h1', 'demo-title', config.title));
  (config.components || []).forEach(function (item) { root.appendChild(build(item)); });
  afterLayout.forEach(function (fn) { fn(); });
}
