'use strict';

const { stylesheetText, parseCss, declarations, themeTokens, resolve, contrast } = require('./helpers');

const AA = 4.5;

describe('stylesheet', () => {
  describe('themes', () => {
    test('every custom property the rules use is defined by the light theme', () => {
      const light = themeTokens('light');
      const used = new Set(stylesheetText().match(/var\(--[\w-]+/g).map((m) => m.slice(4)));
      const missing = [...used].filter((name) => !(name in light));
      expect(missing).toEqual([]);
    });

    test('the dark theme block only redefines existing properties', () => {
      const light = themeTokens('light');
      const dark = Object.keys(declarations('[data-tui-theme="dark"]'));
      expect(dark.filter((name) => !(name in light))).toEqual([]);
    });

    test.each(['light', 'dark'])('primary and danger button labels are readable in the %s theme', (theme) => {
      const tokens = themeTokens(theme);
      for (const variant of ['primary', 'danger']) {
        const rule = declarations(`.tui-btn--${variant}`);
        const ratio = contrast(resolve(rule.color, tokens), resolve(rule['background-color'], tokens));
        expect(ratio).toBeGreaterThanOrEqual(AA);
      }
    });

    test.each(['light', 'dark'])('tooltip text is readable in the %s theme', (theme) => {
      const tokens = themeTokens(theme);
      const rule = declarations('.tui-tooltip');
      expect(contrast(resolve(rule.color, tokens), resolve(rule['background-color'], tokens))).toBeGreaterThanOrEqual(AA);
    });

    test('the parser reads selector lists and declarations', () => {
      const [rule] = parseCss('/* c */ .a,\n .b:hover { color: red; --x: 1px 2px }');
      expect(rule).toEqual({ selectors: ['.a', '.b:hover'], decls: { color: 'red', '--x': '1px 2px' } });
    });
  });

  describe('components', () => {
    test('hover styles never apply to disabled buttons', () => {
      const hovers = parseCss(stylesheetText())
        .flatMap((rule) => rule.selectors)
        .filter((selector) => selector.startsWith('.tui-btn') && selector.includes(':hover'));
      expect(hovers.length).toBeGreaterThan(0);
      for (const selector of hovers) expect(selector).toContain(':not(:disabled)');
    });

    test('disabled buttons are dimmed and show a not-allowed cursor', () => {
      expect(declarations('.tui-btn:disabled')).toMatchObject({ opacity: '0.45', cursor: 'not-allowed' });
    });

    test('hidden panels, tooltips and badges are not displayed', () => {
      for (const selector of ['.tui-tabs__panel[hidden]', '.tui-tooltip[hidden]', '.tui-badge[hidden]']) {
        expect(declarations(selector)).toEqual({ display: 'none' });
      }
    });

    test.each([
      ['top', 'top', 'border-top-color'],
      ['bottom', 'bottom', 'border-bottom-color'],
      ['right', 'right', 'border-right-color'],
    ])('the arrow of a "%s" tooltip sits on the side facing the anchor', (placement, side, colour) => {
      const rule = declarations(`.tui-tooltip--${placement}::after`);
      expect(rule[side]).toBe('100%');
      expect(rule[colour]).toBe('var(--tui-tooltip-bg)');
    });

    test('the active tab is underlined', () => {
      const rule = declarations('.tui-tab--active::after');
      expect(rule['background-color']).toBe('var(--tui-tab-indicator)');
      expect(rule.bottom).toBe('-1px');
    });
  });
});
