'use strict';

const { stylesheet } = require('../src');
const { parseStylesheet, isNonZeroLength, isVisibleBorder } = require('./support/css');

describe('theme.css', () => {
  let sheet;

  beforeAll(() => {
    sheet = parseStylesheet(stylesheet());
  });

  it('scopes every rule to the .md container or the page', () => {
    const unscoped = sheet.selectors().filter((s) => !/^\.md(-page)?(--dark)?\b/.test(s));
    expect(unscoped).toEqual([]);
  });

  describe('colours', () => {
    it('sets light text on dark backgrounds in the dark theme', () => {
      expect(sheet.computed('article.md p', 'color')).toBe('#1f2328');
      expect(sheet.computed('article.md.md--dark p', 'color')).toBe('#f0f6fc');
      expect(sheet.computed('article.md.md--dark', 'background')).toBe('#0d1117');
    });

    it('colours links with the accent colour', () => {
      expect(sheet.computed('article.md p a', 'color')).toBe('#0969da');
    });
  });

  describe('headings', () => {
    it('underlines h1 and h2 only', () => {
      expect(isVisibleBorder(sheet.computed('article.md h1', 'border-bottom'))).toBe(true);
      expect(isVisibleBorder(sheet.computed('article.md h2', 'border-bottom'))).toBe(true);
      expect(sheet.computed('article.md h3', 'border-bottom')).toBeNull();
    });

    it('shrinks from h1 to h6', () => {
      const sizes = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => parseFloat(sheet.computed(`article.md ${h}`, 'font-size')));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    });
  });

  describe('code', () => {
    it('gives code blocks a background and scrolls them', () => {
      expect(sheet.computed('article.md pre.md-code', 'background')).toBe('#f6f8fa');
      expect(sheet.computed('article.md pre.md-code', 'overflow')).toBe('auto');
    });

    it('does not draw the inline code background again inside code blocks', () => {
      expect(sheet.computed('article.md pre.md-code code', 'background')).toBe('transparent');
    });
  });

  describe('lists', () => {
    it('indents top-level lists', () => {
      expect(isNonZeroLength(sheet.computed('article.md > ul', 'padding-inline-start'))).toBe(true);
      expect(isNonZeroLength(sheet.computed('article.md > ol', 'padding-inline-start'))).toBe(true);
    });

    it('changes the marker of nested lists', () => {
      expect(sheet.computed('article.md ul li ul', 'list-style-type')).toBe('circle');
      expect(sheet.computed('article.md ol li ol', 'list-style-type')).toBe('lower-alpha');
    });

    it('hides the bullet of task items and pulls the checkbox into its place', () => {
      expect(sheet.computed('article.md ul.contains-task-list li.task-list-item', 'list-style-type')).toBe('none');
      expect(sheet.computed('article.md li.task-list-item input.task-list-item-checkbox', 'margin-inline')).toMatch(/^-/);
    });
  });

  describe('tables', () => {
    it('draws cell borders', () => {
      expect(isVisibleBorder(sheet.computed('article.md table tbody tr td', 'border'))).toBe(true);
      expect(isVisibleBorder(sheet.computed('article.md table thead tr th', 'border'))).toBe(true);
    });

    it('starts cell text at the inline start by default', () => {
      expect(sheet.computed('article.md table tbody tr td', 'text-align')).toBe('start');
      expect(sheet.computed('article.md table thead tr th', 'text-align')).toBe('start');
    });
  });
});
