'use strict';

const { render, renderPage, stylesheet } = require('../src');

describe('render', () => {
  it('renders an empty document as an empty string', () => {
    expect(render('')).toBe('');
  });

  it('separates blocks with newlines', () => {
    expect(render('# A\n\ntext\n\n---')).toBe('<h1 id="a">A</h1>\n<p>text</p>\n<hr>');
  });

  it('renders code blocks with a language class and escapes them', () => {
    expect(render('```html\n<b>&</b>\n```'))
      .toBe('<pre class="md-code"><code class="language-html">&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>');
  });

  it('renders blockquotes around their blocks', () => {
    expect(render('> quoted')).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>');
  });

  it('never emits inline style attributes', () => {
    const md = '# T\n\n> q\n\n- [x] a\n  - b\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n```\nx\n```';
    expect(render(md)).not.toMatch(/\sstyle=/);
  });
});

describe('renderPage', () => {
  it('returns a complete HTML document', () => {
    const page = renderPage('hello');
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('inlines the stylesheet', () => {
    expect(renderPage('hello')).toContain(`<style>\n${stylesheet()}`);
  });

  it('wraps the content in the .md container', () => {
    expect(renderPage('hello')).toContain('<article class="md">\n<p>hello</p>\n</article>');
  });

  it('takes the title from the first heading', () => {
    expect(renderPage('text\n\n## The *real* title')).toContain('<title>The real title</title>');
    expect(renderPage('no heading')).toContain('<title>Document</title>');
  });

  it('escapes an explicit title', () => {
    expect(renderPage('# x', { title: 'A <b> & C' })).toContain('<title>A &lt;b&gt; &amp; C</title>');
  });

  it('applies the dark theme to the container and the page', () => {
    const page = renderPage('hi', { theme: 'dark' });
    expect(page).toContain('<body class="md-page md-page--dark">');
    expect(page).toContain('<article class="md md--dark">');
  });

  it('rejects unknown themes', () => {
    expect(() => renderPage('hi', { theme: 'sepia' })).toThrowError(/unknown theme "sepia"/);
  });

  it('appends extra CSS after the theme', () => {
    const page = renderPage('hi', { css: '.md { max-width: none; }' });
    expect(page.indexOf('.md { max-width: none; }')).toBeGreaterThan(page.indexOf(stylesheet().trim()));
  });

  it('passes render options through', () => {
    expect(renderPage('# Hi', { anchors: true })).toContain('<a class="md-anchor" href="#hi"');
  });
});
