'use strict';

const assert = require('assert');
const { themeCss, allThemesCss, THEMES, TOKEN_TYPES } = require('../src');
const { readSheet } = require('../src/themes');
const { parseCss, declared, contrast } = require('./helpers');

describe('themes', () => {
  describe('stylesheets', () => {
    it('puts the shared layout before the theme colours', () => {
      const css = themeCss('dark');
      assert.ok(css.indexOf('.glow-code') < css.indexOf('.glow-theme-dark'));
      assert.ok(!css.includes('.glow-theme-light'));
    });

    it('rejects unknown themes', () => {
      assert.throws(() => themeCss('neon'), /unknown theme "neon"/);
    });

    it('bundles every theme in allThemesCss', () => {
      const css = allThemesCss();
      for (const theme of THEMES) {
        assert.ok(css.includes(`.glow-theme-${theme} {`), theme);
      }
    });

    it('keeps colours out of the shared layout', () => {
      const rules = parseCss(readSheet('base'));
      const neutral = new Set(['inherit', 'currentColor', 'transparent', 'none']);
      for (const rule of rules) {
        for (const property of ['color', 'background', 'background-color']) {
          const value = rule.declarations[property];
          assert.ok(value === undefined || neutral.has(value), `${rule.selectors.join(', ')} { ${property}: ${value} }`);
        }
      }
    });
  });

  for (const theme of THEMES) {
    describe(`${theme} theme`, () => {
      const root = `.glow-theme-${theme}`;
      const rules = parseCss(readSheet(theme));

      it('scopes every rule to the theme class', () => {
        for (const rule of rules) {
          for (const selector of rule.selectors) {
            assert.ok(selector.startsWith(root), selector);
          }
        }
      });

      it('colours every token type', () => {
        for (const type of TOKEN_TYPES) {
          assert.ok(declared(rules, `${root} .tok-${type}`, 'color'), type);
        }
      });

      it('has body text with a contrast of at least 7:1', () => {
        const background = declared(rules, root, 'background');
        const text = declared(rules, root, 'color');
        assert.ok(contrast(text, background) >= 7, `${text} on ${background}`);
      });
    });
  }
});
