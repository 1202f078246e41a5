'use strict';

const assert = require('assert');
const { highlight } = require('../src');
const { lineElement } = require('./helpers');

describe('highlight html', () => {
  describe('markup', () => {
    it('wraps tokens in tok-* spans and escapes the source', () => {
      const html = highlight('a < b && "<i>"', { language: 'js' });
      assert.ok(html.includes('<span class="tok-operator">&lt;</span>'));
      assert.ok(html.includes('<span class="tok-string">&quot;&lt;i&gt;&quot;</span>'));
      assert.ok(!html.includes('<i>'));
    });

    it('puts theme and language classes on the root', () => {
      const html = highlight('{}', { language: 'jsonc', theme: 'dark' });
      assert.ok(html.startsWith('<div class="glow glow-theme-dark glow-lang-json">'));
    });

    it('rejects unknown languages and themes', () => {
      assert.throws(() => highlight('x', { language: 'cobol' }), /unknown language "cobol"/);
      assert.throws(() => highlight('x', { theme: 'solarized' }), /unknown theme "solarized"/);
    });
  });

  describe('lines', () => {
    it('renders one glow-line per source line, numbered from 1', () => {
      const html = highlight('a\nb\nc', {});
      assert.strictEqual((html.match(/class="glow-line"/g) || []).length, 3);
      assert.deepStrictEqual(lineElement(html, 2), { className: 'glow-line', inner: 'b' });
    });

    it('does not render an extra line for a trailing newline', () => {
      const html = highlight('a;\nb;\n', {});
      assert.strictEqual((html.match(/data-line=/g) || []).length, 2);
    });

    it('normalises CRLF line endings', () => {
      const html = highlight('a\r\nb', {});
      assert.ok(!html.includes('\r'));
      assert.strictEqual((html.match(/data-line=/g) || []).length, 2);
    });

    it('splits a block comment across lines, each piece coloured', () => {
      const html = highlight('/* a\nb */', { language: 'css' });
      assert.strictEqual(lineElement(html, 1).inner, '<span class="tok-comment">/* a</span>');
      assert.strictEqual(lineElement(html, 2).inner, '<span class="tok-comment">b */</span>');
    });
  });

  describe('line numbers', () => {
    it('has no gutter unless asked for', () => {
      assert.ok(!highlight('a', {}).includes('glow-gutter'));
    });

    it('renders a gutter with one number per line', () => {
      const html = highlight('a\nb\nc', { lineNumbers: true });
      assert.ok(html.includes('glow-numbered'));
      assert.ok(html.includes(
        '<div class="glow-gutter" aria-hidden="true"><span class="glow-ln">1</span><span class="glow-ln">2</span>'
          + '<span class="glow-ln">3</span></div>',
      ));
    });

    it('starts counting at startLine', () => {
      const html = highlight('a\nb', { lineNumbers: true, startLine: 41 });
      assert.ok(html.includes('<span class="glow-ln">41</span><span class="glow-ln">42</span>'));
      assert.ok(lineElement(html, 42));
    });
  });

  describe('highlighted lines', () => {
    it('marks only the requested lines', () => {
      const html = highlight('a\nb\nc\nd', { highlightLines: '2-3' });
      assert.strictEqual((html.match(/glow-hl/g) || []).length, 2);
      assert.ok(!lineElement(html, 1).inner.includes('glow-hl'));
      assert.ok(!lineElement(html, 4).inner.includes('glow-hl'));
    });

    it('emphasises the gutter number of a highlighted line', () => {
      const html = highlight('a\nb', { lineNumbers: true, highlightLines: [2] });
      assert.ok(html.includes('<span class="glow-ln">1</span><span class="glow-ln glow-ln-hl">2</span>'));
    });

    it('counts highlighted lines from startLine', () => {
      const html = highlight('a\nb', { startLine: 10, highlightLines: '11' });
      assert.ok(!lineElement(html, 10).inner.includes('glow-hl'));
      assert.ok(html.includes('glow-hl'));
    });
  });
});
