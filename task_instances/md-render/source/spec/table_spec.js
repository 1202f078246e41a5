'use strict';

const { splitRow, cellAlignment, parseDelimiterRow } = require('../src/table');
const { parseBlocks } = require('../src/block');
const { render } = require('../src');
const { texts } = require('./support/html');

describe('tables', () => {
  describe('splitRow', () => {
    it('makes leading and trailing pipes optional', () => {
      expect(splitRow('| a | b |')).toEqual(['a', 'b']);
      expect(splitRow('a | b')).toEqual(['a', 'b']);
    });

    it('keeps escaped pipes and pipes inside code', () => {
      expect(splitRow('| a \\| b | `c | d` |')).toEqual(['a | b', '`c | d`']);
    });

    it('keeps empty cells', () => {
      expect(splitRow('| a |  | c |')).toEqual(['a', '', 'c']);
    });
  });

  describe('delimiter row', () => {
    it('reads the alignment of each kind of cell', () => {
      expect([':--', ':-:', '--:', '---'].map(cellAlignment)).toEqual(['left', 'center', 'right', null]);
    });

    it('reads a whole row', () => {
      expect(parseDelimiterRow('| :--- | :---: | ---: | --- |')).toEqual(['left', 'center', 'right', null]);
    });

    it('rejects rows that are not delimiters', () => {
      expect(parseDelimiterRow('| a | --- |')).toBeNull();
      expect(parseDelimiterRow('---')).toBeNull();
    });
  });

  describe('parsing', () => {
    it('needs a delimiter row with as many cells as the header', () => {
      expect(parseBlocks('| a | b |\n| --- |')[0].type).toBe('paragraph');
      expect(parseBlocks('| a | b |\n| --- | --- |')[0].type).toBe('table');
    });

    it('pads short rows and cuts long ones to the header width', () => {
      const [table] = parseBlocks('a | b\n--|--\n| 1 |\n1 | 2 | 3');
      expect(table.rows).toEqual([['1', ''], ['1', '2']]);
    });

    it('ends at a blank line', () => {
      const nodes = parseBlocks('a | b\n--|--\n1 | 2\n\nafter');
      expect(nodes.map((n) => n.type)).toEqual(['table', 'paragraph']);
    });

    it('can interrupt a paragraph', () => {
      const nodes = parseBlocks('Totals:\n| a | b |\n|---|---|\n| 1 | 2 |');
      expect(nodes.map((n) => n.type)).toEqual(['paragraph', 'table']);
    });
  });

  describe('rendering', () => {
    it('renders a header and a body', () => {
      expect(render('| a | b |\n|---|---|\n| 1 | 2 |')).toBe(
        '<table>\n<thead>\n<tr><th>a</th><th>b</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody>\n</table>',
      );
    });

    it('leaves out the body of a table without rows', () => {
      expect(render('| a |\n|---|')).toBe('<table>\n<thead>\n<tr><th>a</th></tr>\n</thead>\n</table>');
    });

    it('renders inline markup in cells', () => {
      const html = render('| name | note |\n|---|---|\n| `x` | **bold** \\| pipe |');
      expect(html).toContain('<td><code>x</code></td><td><strong>bold</strong> | pipe</td>');
      expect(texts(html, 'th')).toEqual(['name', 'note']);
    });
  });
});
