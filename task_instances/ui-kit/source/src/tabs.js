'use strict';

const { h, uid } = require('./dom');

// createTabs({ tabs: [{ id, label, content, disabled }], active, onChange, idPrefix })
//
// Builds the WAI-ARIA tabs pattern:
//
//   <div class="tui-tabs">
//     <div class="tui-tabs__list" role="tablist">
//       <button class="tui-tab tui-tab--active" role="tab" aria-selected="true" ...>
//     </div>
//     <div class="tui-tabs__panel" role="tabpanel" ...>
//   </div>
//
// Clicking a tab selects it; with focus in the tab list, ArrowLeft / ArrowRight move to the previous /
// next enabled tab (wrapping around) and Home / End to the first / last one. Returns
// { element, select(id), getActive(), destroy() }.
function createTabs(options) {
  const o = Object.assign({ onChange: null }, options);
  if (!Array.isArray(o.tabs) || o.tabs.length === 0) throw new Error('tinyui: createTabs needs at least one tab');
  const prefix = o.idPrefix || uid('tabs');

  const buttons = [];
  const panels = [];
  o.tabs.forEach((tab, index) => {
    const tabId = `${prefix}-tab-${tab.id}`;
    const panelId = `${prefix}-panel-${tab.id}`;
    buttons.push(
      h('button', {
        className: 'tui-tab',
        text: tab.label,
        attrs: {
          type: 'button',
          role: 'tab',
          id: tabId,
          'aria-controls': panelId,
          'aria-selected': 'false',
          tabindex: '-1',
          disabled: Boolean(tab.disabled),
        },
        dataset: { tab: tab.id },
        on: { click: () => select(index) },
      }),
    );
    const content = tab.content instanceof Node ? [tab.content] : [tab.content == null ? '' : String(tab.content)];
    panels.push(
      h(
        'div',
        {
          className: 'tui-tabs__panel',
          attrs: { role: 'tabpanel', id: panelId, 'aria-labelledby': tabId, tabindex: '0', hidden: true },
          dataset: { tab: tab.id },
        },
        content,
      ),
    );
  });

  const list = h('div', { className: 'tui-tabs__list', attrs: { role: 'tablist' } }, buttons);
  list.addEventListener('keydown', onKeydown);
  const element = h('div', { className: 'tui-tabs' }, [list, ...panels]);

  let current = -1;

  function indexOf(id) {
    return o.tabs.findIndex((tab) => tab.id === id);
  }

  function enabled(index) {
    return !o.tabs[index].disabled;
  }

  function notify() {
    if (typeof o.onChange === 'function') o.onChange(o.tabs[current].id);
  }

  // Marks tab `index` as the active one: class, aria-selected, roving tabindex, visible panel.
  function select(index) {
    if (index === current || !enabled(index)) return;
    buttons.forEach((button, i) => {
      const on = i === index;
      button.classList.toggle('tui-tab--active', on);
      button.setAttribute('aria-selected', String(on));
      button.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    const first = current === -1;
    current = index;
    if (!first) notify();
  }

  // Keyboard selection moves the focus along with the selection (automatic activation).
  function focusTab(index) {
    if (index === current) return;
    const previous = current;
    buttons[previous].setAttribute('aria-selected', 'false');
    buttons[previous].tabIndex = -1;
    panels[previous].hidden = true;
    buttons[index].setAttribute('aria-selected', 'true');
    buttons[index].tabIndex = 0;
    panels[index].hidden = false;
    current = index;
    buttons[index].focus();
    notify();
  }

  function step(from, delta) {
    const count = o.tabs.length;
    let index = from;
    for (let n = 0; n < count; n += 1) {
      index = (index + delta + count) % count;
      if (enabled(index)) return index;
    }
    return from;
  }

  function onKeydown(event) {
    let target;
    switch (event.key) {
      case 'ArrowRight':
        target = step(current, 1);
        break;
      case 'ArrowLeft':
        target = step(current, -1);
        break;
      case 'Home':
        target = step(-1, 1);
        break;
      case 'End':
        target = step(o.tabs.length, -1);
        break;
      default:
        return;
    }
    event.preventDefault();
    focusTab(target);
  }

  const initial = o.active == null ? step(-1, 1) : indexOf(o.active);
  if (initial === -1) throw new Error(`tinyui: no tab with id "${o.active}"`);
  select(initial);

  return {
    element,
    select(id) {
      const index = indexOf(id);
      if (index === -1) throw new Error(`tinyui: no tab with id "${id}"`);
      select(index);
    },
    getActive() {
      return o.tabs[current].id;
    },
    destroy() {
      list.removeEventListener('keydown', onKeydown);
      element.remove();
    },
  };
}

module.exports = { createTabs };
