'use strict';

const { renderInline } = require('../src/inline');

describe('renderInline', () => {
  describe('emphasis', () => {
    it('renders single asterisks and underscores as em', () => {
      expect(renderInline('*one* and _two_')).toBe('<em>one</em> and <em>two</em>');
    });

    it('renders double asterisks and underscores as strong', () => {
      expect(renderInline('**one** and __two__')).toBe('<strong>one</strong> and <strong>two</strong>');
    });

    it('renders triple asterisks as strong inside em', () => {
      expect(renderInline('***both***')).toBe('<em><strong>both</strong></em>');
    });

    it('nests em inside strong', () => {
      expect(renderInline('**a *b* c**')).toBe('<strong>a <em>b</em> c</strong>');
    });

    it('leaves intraword underscores alone', () => {
      expect(renderInline('snake_case_name')).toBe('snake_case_name');
    });

    it('does not open emphasis before whitespace', () => {
      expect(renderInline('5 * 3 * 2')).toBe('5 * 3 * 2');
    });

    it('renders double tildes as del', () => {
      expect(renderInline('~~gone~~')).toBe('<del>gone</del>');
    });
  });

  describe('code spans', () => {
    it('escapes HTML inside code', () => {
      expect(renderInline('use `<br>` here')).toBe('use <code>&lt;br&gt;</code> here');
    });

    it('allows backticks inside a longer fence', () => {
      expect(renderInline('`` a ` b ``')).toBe('<code>a ` b</code>');
    });

    it('does not parse emphasis inside code', () => {
      expect(renderInline('`*x*`')).toBe('<code>*x*</code>');
    });
  });

  describe('links and images', () => {
    it('renders inline links with a title', () => {
      expect(renderInline('[docs](https://example.com "The docs")'))
        .toBe('<a href="https://example.com" title="The docs">docs</a>');
    });

    it('renders markup inside link text', () => {
      expect(renderInline('[**bold** link](/a)')).toBe('<a href="/a"><strong>bold</strong> link</a>');
    });

    it('renders images with alt text', () => {
      expect(renderInline('![a *cat*](cat.png)')).toBe('<img src="cat.png" alt="a cat">');
    });

    it('keeps balanced parentheses in destinations', () => {
      expect(renderInline('[x](/wiki/Foo_(bar))')).toBe('<a href="/wiki/Foo_(bar)">x</a>');
    });

    it('replaces script URLs with #', () => {
      expect(renderInline('[x](javascript:alert(1))')).toBe('<a href="#">x</a>');
      expect(renderInline('[x](VBScript:msgbox)')).toBe('<a href="#">x</a>');
      expect(renderInline('![x](data:image/svg+xml,abc)')).toBe('<img src="#" alt="x">');
    });

    it('renders URL and email autolinks', () => {
      expect(renderInline('<https://example.com/a?b=1>'))
        .toBe('<a href="https://example.com/a?b=1">https://example.com/a?b=1</a>');
      expect(renderInline('<me@example.org>')).toBe('<a href="mailto:me@example.org">me@example.org</a>');
    });

    it('leaves brackets without a destination as text', () => {
      expect(renderInline('[not a link] here')).toBe('[not a link] here');
    });
  });

  describe('escaping and breaks', () => {
    it('escapes raw HTML', () => {
      expect(renderInline('<script>alert("x")</script> & more'))
        .toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    });

    it('honours backslash escapes', () => {
      expect(renderInline('\\*not em\\* and \\[not link\\]')).toBe('*not em* and [not link]');
    });

    it('turns two trailing spaces or a backslash into a hard break', () => {
      expect(renderInline('one  \ntwo\\\nthree\nfour')).toBe('one<br>\ntwo<br>\nthree\nfour');
    });
  });
});
