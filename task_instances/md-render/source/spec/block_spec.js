'use strict';

const { parseBlocks } = require('../src/block');

describe('parseBlocks', () => {
  describe('headings', () => {
    it('reads ATX headings of every level', () => {
      const nodes = parseBlocks('# One\n## Two\n###### Six');
      expect(nodes.map((n) => [n.type, n.level, n.text])).toEqual([
        ['heading', 1, 'One'], ['heading', 2, 'Two'], ['heading', 6, 'Six'],
      ]);
    });

    it('drops closing hashes', () => {
      expect(parseBlocks('## Title ##')[0].text).toBe('Title');
    });

    it('reads setext headings', () => {
      const nodes = parseBlocks('Big\n===\n\nSmaller\n---');
      expect(nodes.map((n) => [n.level, n.text])).toEqual([[1, 'Big'], [2, 'Smaller']]);
    });

    it('treats seven hashes or a missing space as a paragraph', () => {
      expect(parseBlocks('####### no')[0].type).toBe('paragraph');
      expect(parseBlocks('#hashtag')[0].type).toBe('paragraph');
    });
  });

  describe('paragraphs', () => {
    it('joins consecutive lines and splits on blank lines', () => {
      const nodes = parseBlocks('one\ntwo\n\nthree');
      expect(nodes).toEqual([{ type: 'paragraph', text: 'one\ntwo' }, { type: 'paragraph', text: 'three' }]);
    });

    it('is interrupted by a heading or a bullet list', () => {
      const nodes = parseBlocks('text\n# Head\nmore\n- item');
      expect(nodes.map((n) => n.type)).toEqual(['paragraph', 'heading', 'paragraph', 'list']);
    });

    it('is not interrupted by an ordered list that does not start at 1', () => {
      expect(parseBlocks('The year\n1984. was a book')).toEqual([{ type: 'paragraph', text: 'The year\n1984. was a book' }]);
    });
  });

  describe('code blocks', () => {
    it('reads fenced code with a language', () => {
      expect(parseBlocks('```js\nconst a = 1;\n\nlet b;\n```')).toEqual([
        { type: 'code', lang: 'js', text: 'const a = 1;\n\nlet b;' },
      ]);
    });

    it('needs a closing fence of the same character and at least the same length', () => {
      const nodes = parseBlocks('~~~~\n```\n~~~\n~~~~\nafter');
      expect(nodes[0]).toEqual({ type: 'code', lang: null, text: '```\n~~~' });
      expect(nodes[1]).toEqual({ type: 'paragraph', text: 'after' });
    });

    it('runs an unclosed fence to the end of the document', () => {
      expect(parseBlocks('```\nopen')).toEqual([{ type: 'code', lang: null, text: 'open' }]);
    });

    it('reads indented code', () => {
      expect(parseBlocks('    a\n\n      b\n\nafter')).toEqual([
        { type: 'code', lang: null, text: 'a\n\n  b' },
        { type: 'paragraph', text: 'after' },
      ]);
    });
  });

  describe('blockquotes', () => {
    it('parses the quoted lines as blocks', () => {
      expect(parseBlocks('> # Title\n> text')).toEqual([{
        type: 'blockquote',
        children: [{ type: 'heading', level: 1, text: 'Title' }, { type: 'paragraph', text: 'text' }],
      }]);
    });

    it('nests quotes and continues lazy paragraph lines', () => {
      const [quote] = parseBlocks('> outer\nlazy\n> > inner');
      expect(quote.children[0]).toEqual({ type: 'paragraph', text: 'outer\nlazy' });
      expect(quote.children[1]).toEqual({ type: 'blockquote', children: [{ type: 'paragraph', text: 'inner' }] });
    });
  });

  it('reads thematic breaks', () => {
    expect(parseBlocks('***\n- - -\n___').map((n) => n.type)).toEqual(['hr', 'hr', 'hr']);
  });

  it('normalises Windows line endings and tabs', () => {
    expect(parseBlocks('# A\r\n\r\n\tcode')).toEqual([
      { type: 'heading', level: 1, text: 'A' },
      { type: 'code', lang: null, text: 'code' },
    ]);
  });
});
