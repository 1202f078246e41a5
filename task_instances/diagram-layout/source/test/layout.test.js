'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { layout, sizeNode, pack } = require('../src/layout');
const { resolveOptions, DEFAULTS } = require('../src/options');
const { textWidth } = require('../src/text');
const { byId, sides, close } = require('./helpers');

const chain = (direction) => ({
  direction,
  nodes: [{ id: 'a', label: 'Start' }, { id: 'b', label: 'Middle step' }, { id: 'c', label: 'End' }],
  edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }],
});

const fork = (direction) => ({
  direction,
  nodes: ['root', 'left', 'right'],
  edges: [['root', 'left'], ['root', 'right']],
});

describe('layout', () => {
  describe('node sizes', () => {
    const options = resolveOptions({});

    it('gives short labels the minimum width', () => {
      assert.equal(sizeNode({ label: 'A' }, options).width, DEFAULTS.minNodeWidth);
    });

    it('makes boxes wide enough for long labels', () => {
      const label = 'Enrich events with user data';
      const size = sizeNode({ label }, options);
      assert.ok(size.width >= textWidth(label, options.fontSize) + 2 * options.paddingX);
    });

    it('makes multi-line labels taller', () => {
      const one = sizeNode({ label: 'Deploy' }, options);
      const two = sizeNode({ label: 'Deploy\nstaging' }, options);
      assert.ok(close(two.height - one.height, options.fontSize * options.lineHeight, 1));
    });

    it('keeps an explicit width and height', () => {
      assert.deepEqual(sizeNode({ label: 'x', width: 200, height: 90 }, options).width, 200);
      assert.deepEqual(sizeNode({ label: 'x', width: 200, height: 90 }, options).height, 90);
    });
  });

  describe('pack', () => {
    const gap = () => 10;

    it('keeps boxes at their desired positions when they fit', () => {
      assert.deepEqual(pack(['a', 'b'], [0, 50], gap), [0, 50]);
    });

    it('spreads boxes that want the same position evenly around it', () => {
      assert.deepEqual(pack(['a', 'b', 'c'], [20, 20, 20], gap), [10, 20, 30]);
    });
  });

  describe('top-down', () => {
    const result = layout(chain('TB'));

    it('stacks the ranks downwards, rankSep apart', () => {
      const [a, b, c] = ['a', 'b', 'c'].map((id) => sides(byId(result.nodes, id)));
      assert.ok(close(b.top - a.bottom, DEFAULTS.rankSep));
      assert.ok(close(c.top - b.bottom, DEFAULTS.rankSep));
    });

    it('centres a chain on one vertical line', () => {
      const xs = result.nodes.map((n) => n.x);
      assert.ok(xs.every((x) => close(x, xs[0])));
    });

    it('puts the nodes of one rank side by side, nodeSep apart', () => {
      const forked = layout(fork('TB'));
      const left = sides(byId(forked.nodes, 'left'));
      const right = sides(byId(forked.nodes, 'right'));
      assert.equal(byId(forked.nodes, 'left').y, byId(forked.nodes, 'right').y);
      assert.ok(close(right.left - left.right, DEFAULTS.nodeSep));
    });

    it('centres a parent over its children', () => {
      const forked = layout(fork('TB'));
      const { x } = byId(forked.nodes, 'root');
      assert.ok(close(x, (byId(forked.nodes, 'left').x + byId(forked.nodes, 'right').x) / 2));
    });

    it('sizes the drawing to its boxes plus the margin', () => {
      const widest = Math.max(...result.nodes.map((n) => n.width));
      const bottom = Math.max(...result.nodes.map((n) => sides(n).bottom));
      assert.equal(result.width, Math.ceil(widest + 2 * DEFAULTS.margin));
      assert.equal(result.height, Math.ceil(bottom + DEFAULTS.margin));
      assert.ok(result.nodes.every((n) => sides(n).left >= DEFAULTS.margin && sides(n).top >= DEFAULTS.margin));
    });
  });

  describe('bottom-up', () => {
    it('puts the first rank at the bottom', () => {
      const result = layout(chain('BT'));
      const [a, b, c] = ['a', 'b', 'c'].map((id) => byId(result.nodes, id));
      assert.ok(a.y > b.y && b.y > c.y);
      assert.ok(close(sides(b).top - sides(c).bottom, DEFAULTS.rankSep));
    });
  });

  describe('left-right', () => {
    it('puts the ranks from left to right', () => {
      const result = layout(chain('LR'));
      const [a, b, c] = ['a', 'b', 'c'].map((id) => byId(result.nodes, id));
      assert.ok(a.x < b.x && b.x < c.x);
      assert.ok(a.y === b.y && b.y === c.y);
    });

    it('stacks the nodes of one rank vertically, nodeSep apart', () => {
      const result = layout(fork('LR'));
      const left = byId(result.nodes, 'left');
      const right = byId(result.nodes, 'right');
      assert.equal(left.x, right.x);
      assert.ok(close(sides(right).top - sides(left).bottom, DEFAULTS.nodeSep));
    });

    it('puts the first rank on the right with RL', () => {
      const result = layout(chain('RL'));
      const [a, b, c] = ['a', 'b', 'c'].map((id) => byId(result.nodes, id));
      assert.ok(a.x > b.x && b.x > c.x);
    });
  });

  describe('edges', () => {
    it('runs from the bottom of the source to the top of the target', () => {
      const result = layout(chain('TB'));
      const edge = byId(result.edges, 'a->b');
      const a = byId(result.nodes, 'a');
      const b = byId(result.nodes, 'b');
      assert.deepEqual(edge.points, [{ x: a.x, y: sides(a).bottom }, { x: b.x, y: sides(b).top }]);
    });

    it('bends through the ranks a long edge crosses', () => {
      const result = layout({ nodes: ['a', 'b', 'c'], edges: [['a', 'b'], ['b', 'c'], ['a', 'c']] });
      const edge = byId(result.edges, 'a->c');
      assert.equal(edge.points.length, 3);
      assert.equal(edge.points[1].y, byId(result.nodes, 'b').y);
    });

    it('draws an edge that closes a cycle from its source to its target', () => {
      const result = layout({ nodes: ['a', 'b', 'c'], edges: [['a', 'b'], ['b', 'c'], ['c', 'a']] });
      const edge = byId(result.edges, 'c->a');
      const a = byId(result.nodes, 'a');
      const c = byId(result.nodes, 'c');
      assert.ok(close(edge.points[0].y, sides(c).top));
      assert.ok(close(edge.points[edge.points.length - 1].y, sides(a).bottom));
    });

    it('sizes the label box to the label text', () => {
      const result = layout({ nodes: ['a', 'b'], edges: [{ from: 'a', to: 'b', label: 'approve' }] });
      const box = byId(result.edges, 'a->b').labelBox;
      assert.equal(box.width, Math.ceil(textWidth('approve', DEFAULTS.edgeFontSize) + 2 * DEFAULTS.labelPadding));
      assert.deepEqual(box.lines, ['approve']);
    });

    it('has no label box without a label', () => {
      const result = layout(chain('TB'));
      assert.ok(result.edges.every((edge) => edge.labelBox === null));
    });
  });
});
