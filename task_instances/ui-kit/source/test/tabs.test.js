'use strict';

const { createTabs } = require('../src/tabs');
const { resetIds } = require('../src/dom');
const { press } = require('./helpers');

const TABS = [
  { id: 'profile', label: 'Profile', content: 'Name and avatar' },
  { id: 'billing', label: 'Billing', content: 'Invoices' },
  { id: 'security', label: 'Security', content: 'Password' },
];

function mount(options) {
  const tabs = createTabs(Object.assign({ tabs: TABS }, options));
  document.body.appendChild(tabs.element);
  const buttons = Array.from(tabs.element.querySelectorAll('[role="tab"]'));
  const panels = Array.from(tabs.element.querySelectorAll('[role="tabpanel"]'));
  return { tabs, buttons, panels };
}

const selected = (buttons) => buttons.map((b) => b.getAttribute('aria-selected'));
const visible = (panels) => panels.filter((p) => !p.hidden).map((p) => p.dataset.tab);

beforeEach(() => {
  resetIds();
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('createTabs', () => {
  describe('markup', () => {
    test('builds a tablist with one tab and one panel per entry', () => {
      const { tabs, buttons, panels } = mount();
      expect(tabs.element.className).toBe('tui-tabs');
      expect(tabs.element.firstElementChild.getAttribute('role')).toBe('tablist');
      expect(buttons.map((b) => b.textContent)).toEqual(['Profile', 'Billing', 'Security']);
      expect(panels.map((p) => p.textContent)).toEqual(['Name and avatar', 'Invoices', 'Password']);
    });

    test('links every tab to its panel', () => {
      const { buttons, panels } = mount({ idPrefix: 'acct' });
      expect(buttons[1].id).toBe('acct-tab-billing');
      expect(buttons[1].getAttribute('aria-controls')).toBe('acct-panel-billing');
      expect(panels[1].id).toBe('acct-panel-billing');
      expect(panels[1].getAttribute('aria-labelledby')).toBe('acct-tab-billing');
    });

    test('generates distinct ids for two tab sets', () => {
      const first = mount().buttons[0].id;
      const second = mount().buttons[0].id;
      expect(first).not.toBe(second);
    });

    test('accepts DOM nodes as panel content', () => {
      const form = document.createElement('form');
      const { panels } = mount({ tabs: [{ id: 'a', label: 'A', content: form }] });
      expect(panels[0].firstChild).toBe(form);
    });

    test('needs at least one tab', () => {
      expect(() => createTabs({ tabs: [] })).toThrow('at least one tab');
    });
  });

  describe('initial state', () => {
    test('activates the first tab by default', () => {
      const { tabs, buttons, panels } = mount();
      expect(tabs.getActive()).toBe('profile');
      expect(selected(buttons)).toEqual(['true', 'false', 'false']);
      expect(buttons[0].classList.contains('tui-tab--active')).toBe(true);
      expect(visible(panels)).toEqual(['profile']);
    });

    test('activates the tab given as active', () => {
      const { buttons, panels } = mount({ active: 'security' });
      expect(selected(buttons)).toEqual(['false', 'false', 'true']);
      expect(buttons.map((b) => b.tabIndex)).toEqual([-1, -1, 0]);
      expect(visible(panels)).toEqual(['security']);
    });

    test('rejects an unknown active id', () => {
      expect(() => mount({ active: 'nope' })).toThrow('no tab with id "nope"');
    });
  });

  describe('mouse and API selection', () => {
    test('clicking a tab selects it and reports the change', () => {
      const onChange = jest.fn();
      const { buttons, panels } = mount({ onChange });
      buttons[1].click();
      expect(selected(buttons)).toEqual(['false', 'true', 'false']);
      expect(buttons.map((b) => b.classList.contains('tui-tab--active'))).toEqual([false, true, false]);
      expect(visible(panels)).toEqual(['billing']);
      expect(onChange).toHaveBeenCalledWith('billing');
    });

    test('clicking the active tab does not report a change', () => {
      const onChange = jest.fn();
      const { buttons } = mount({ onChange });
      buttons[0].click();
      expect(onChange).not.toHaveBeenCalled();
    });

    test('select(id) switches tabs', () => {
      const { tabs, buttons } = mount();
      tabs.select('security');
      expect(tabs.getActive()).toBe('security');
      expect(selected(buttons)).toEqual(['false', 'false', 'true']);
      expect(() => tabs.select('nope')).toThrow('no tab with id "nope"');
    });

    test('a disabled tab cannot be selected', () => {
      const { tabs, buttons } = mount({ tabs: [TABS[0], Object.assign({ disabled: true }, TABS[1])] });
      expect(buttons[1].disabled).toBe(true);
      tabs.select('billing');
      expect(tabs.getActive()).toBe('profile');
    });
  });

  describe('keyboard navigation', () => {
    test('ArrowRight selects and focuses the next tab', () => {
      const onChange = jest.fn();
      const { tabs, buttons, panels } = mount({ onChange });
      buttons[0].focus();
      const event = press(buttons[0], 'ArrowRight');
      expect(event.defaultPrevented).toBe(true);
      expect(tabs.getActive()).toBe('billing');
      expect(selected(buttons)).toEqual(['false', 'true', 'false']);
      expect(document.activeElement).toBe(buttons[1]);
      expect(visible(panels)).toEqual(['billing']);
      expect(onChange).toHaveBeenCalledWith('billing');
    });

    test('ArrowLeft wraps around from the first tab to the last', () => {
      const { tabs, buttons } = mount();
      press(buttons[0], 'ArrowLeft');
      expect(tabs.getActive()).toBe('security');
      expect(document.activeElement).toBe(buttons[2]);
    });

    test('Home and End jump to the first and last tab', () => {
      const { tabs, buttons } = mount({ active: 'billing' });
      press(buttons[1], 'End');
      expect(tabs.getActive()).toBe('security');
      press(buttons[2], 'Home');
      expect(tabs.getActive()).toBe('profile');
    });

    test('arrow keys skip disabled tabs', () => {
      const { tabs, buttons } = mount({ tabs: [TABS[0], Object.assign({ disabled: true }, TABS[1]), TABS[2]] });
      press(buttons[0], 'ArrowRight');
      expect(tabs.getActive()).toBe('security');
    });

    test('other keys are left alone', () => {
      const { tabs, buttons } = mount();
      const event = press(buttons[0], 'Enter');
      expect(event.defaultPrevented).toBe(false);
      expect(tabs.getActive()).toBe('profile');
    });

    test('destroy removes the element and the key handler', () => {
      const { tabs, buttons } = mount();
      tabs.destroy();
      expect(document.body.contains(tabs.element)).toBe(false);
      press(buttons[0], 'ArrowRight');
      expect(tabs.getActive()).toBe('profile');
    });
  });
});
