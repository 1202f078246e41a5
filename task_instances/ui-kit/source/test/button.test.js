'use strict';

const { createButton, setButtonDisabled, VARIANTS } = require('../src/button');

afterEach(() => {
  document.body.innerHTML = '';
});

describe('createButton', () => {
  describe('variants and sizes', () => {
    test('defaults to a medium primary button of type "button"', () => {
      const button = createButton({ label: 'Save' });
      expect(button.tagName).toBe('BUTTON');
      expect(button.className).toBe('tui-btn tui-btn--primary tui-btn--md');
      expect(button.getAttribute('type')).toBe('button');
      expect(button.textContent).toBe('Save');
    });

    test.each(VARIANTS)('adds the modifier class of the %s variant', (variant) => {
      const button = createButton({ label: 'Go', variant });
      expect(button.classList.contains(`tui-btn--${variant}`)).toBe(true);
    });

    test('supports small and large sizes', () => {
      expect(createButton({ label: 'a', size: 'sm' }).classList.contains('tui-btn--sm')).toBe(true);
      expect(createButton({ label: 'a', size: 'lg' }).classList.contains('tui-btn--lg')).toBe(true);
    });

    test('rejects an unknown variant or size', () => {
      expect(() => createButton({ label: 'x', variant: 'fancy' })).toThrow('unknown button variant "fancy"');
      expect(() => createButton({ label: 'x', size: 'xl' })).toThrow('unknown button size "xl"');
    });

    test('keeps a submit type for buttons inside forms', () => {
      expect(createButton({ label: 'Send', type: 'submit' }).type).toBe('submit');
    });
  });

  describe('icons', () => {
    test('puts the icon before the label by default', () => {
      const button = createButton({ label: 'Add', icon: 'plus' });
      const [first, second] = button.children;
      expect(first.tagName.toLowerCase()).toBe('svg');
      expect(first.getAttribute('class')).toBe('tui-icon');
      expect(first.getAttribute('aria-hidden')).toBe('true');
      expect(second.className).toBe('tui-btn__label');
    });

    test('puts the icon after the label with iconPosition "end"', () => {
      const button = createButton({ label: 'Download', icon: 'download', iconPosition: 'end' });
      expect(button.lastElementChild.tagName.toLowerCase()).toBe('svg');
      expect(button.firstElementChild.textContent).toBe('Download');
    });

    test('an icon-only button needs an aria-label', () => {
      expect(() => createButton({ icon: 'settings' })).toThrow('needs an ariaLabel');
      const button = createButton({ icon: 'settings', ariaLabel: 'Settings', variant: 'ghost' });
      expect(button.classList.contains('tui-btn--icon-only')).toBe(true);
      expect(button.getAttribute('aria-label')).toBe('Settings');
      expect(button.querySelector('.tui-btn__label')).toBeNull();
    });

    test('rejects an unknown icon', () => {
      expect(() => createButton({ label: 'x', icon: 'rocket' })).toThrow('unknown icon "rocket"');
    });
  });

  describe('clicks and the disabled state', () => {
    test('calls onClick when clicked', () => {
      const onClick = jest.fn();
      const button = createButton({ label: 'Save', onClick });
      document.body.appendChild(button);
      button.click();
      expect(onClick).toHaveBeenCalledTimes(1);
    });

    test('a disabled button has the disabled and aria-disabled attributes', () => {
      const button = createButton({ label: 'Save', disabled: true });
      expect(button.disabled).toBe(true);
      expect(button.getAttribute('aria-disabled')).toBe('true');
    });

    test('a disabled button ignores clicks', () => {
      const onClick = jest.fn();
      const button = createButton({ label: 'Save', disabled: true, onClick });
      document.body.appendChild(button);
      button.click();
      expect(onClick).not.toHaveBeenCalled();
    });

    test('setButtonDisabled switches the state both ways', () => {
      const button = createButton({ label: 'Save' });
      setButtonDisabled(button, true);
      expect(button.disabled).toBe(true);
      setButtonDisabled(button, false);
      expect(button.disabled).toBe(false);
      expect(button.hasAttribute('aria-disabled')).toBe(false);
    });
  });
});
