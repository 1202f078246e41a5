'use strict';

const { parseBlocks } = require('../src/block');
const { render } = require('../src');
const { openingTags } = require('./support/html');

const itemTexts = (list) => list.items.map((item) => item.children[0].text);

describe('lists', () => {
  describe('parsing', () => {
    it('reads bullet items', () => {
      const [list] = parseBlocks('- one\n- two\n- three');
      expect(list.ordered).toBe(false);
      expect(itemTexts(list)).toEqual(['one', 'two', 'three']);
    });

    it('keeps the start number of ordered lists', () => {
      const [list] = parseBlocks('3. three\n4. four');
      expect(list.ordered).toBe(true);
      expect(list.start).toBe(3);
    });

    it('starts a new list when the bullet character changes', () => {
      const nodes = parseBlocks('- a\n- b\n+ c');
      expect(nodes.map((n) => n.items.length)).toEqual([2, 1]);
    });

    it('nests items indented to the content column', () => {
      const [list] = parseBlocks('- parent\n  - child\n    - grandchild\n- sibling');
      expect(itemTexts(list)).toEqual(['parent', 'sibling']);
      const child = list.items[0].children[1];
      expect(child.type).toBe('list');
      expect(itemTexts(child)).toEqual(['child']);
      expect(itemTexts(child.items[0].children[1])).toEqual(['grandchild']);
    });

    it('nests under ordered items at their wider content column', () => {
      const [list] = parseBlocks('1. first\n   - detail\n2. second');
      expect(list.items.length).toBe(2);
      expect(list.items[0].children[1].type).toBe('list');
    });

    it('continues an item with lazy lines', () => {
      const [list] = parseBlocks('- one\ncontinued\n- two');
      expect(itemTexts(list)).toEqual(['one\ncontinued', 'two']);
    });

    it('is tight without blank lines and loose with them', () => {
      expect(parseBlocks('- a\n- b')[0].tight).toBe(true);
      expect(parseBlocks('- a\n\n- b')[0].tight).toBe(false);
      expect(parseBlocks('- a\n\n  more\n- b')[0].tight).toBe(false);
    });
  });

  describe('task items', () => {
    it('marks "[ ]" and "[x]" items as open and done', () => {
      const [list] = parseBlocks('- [ ] open\n- [x] done\n- [X] also done\n- plain');
      expect(list.items.map((item) => item.task)).toEqual([false, true, true, null]);
      expect(itemTexts(list)).toEqual(['open', 'done', 'also done', 'plain']);
    });

    it('needs a space after the brackets', () => {
      const [list] = parseBlocks('- [x]done\n- [link](/x)');
      expect(list.items.map((item) => item.task)).toEqual([null, null]);
    });
  });

  describe('rendering', () => {
    it('renders nested lists inside their parent item', () => {
      expect(render('- a\n  - b')).toBe('<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul></li>\n</ul>');
    });

    it('writes the start attribute only when it is not 1', () => {
      expect(render('1. a')).toBe('<ol>\n<li>a</li>\n</ol>');
      expect(openingTags(render('7. a'), 'ol')).toEqual([{ start: '7' }]);
    });

    it('wraps the items of loose lists in paragraphs', () => {
      expect(render('- a\n\n- b')).toBe('<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>');
    });

    it('renders task items with disabled checkboxes', () => {
      const html = render('- [x] done\n- [ ] open');
      expect(openingTags(html, 'ul')).toEqual([{ class: 'contains-task-list' }]);
      expect(openingTags(html, 'li')).toEqual([{ class: 'task-list-item' }, { class: 'task-list-item' }]);
      expect(openingTags(html, 'input')).toEqual([
        { type: 'checkbox', class: 'task-list-item-checkbox', disabled: '', checked: '' },
        { type: 'checkbox', class: 'task-list-item-checkbox', disabled: '' },
      ]);
    });

    it('puts the checkbox of a loose task item inside its first paragraph', () => {
      expect(render('- [ ] a\n\n- [x] b')).toContain('<p><input type="checkbox" class="task-list-item-checkbox" disabled> a</p>');
    });
  });
});
