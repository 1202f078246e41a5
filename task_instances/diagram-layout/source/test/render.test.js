'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { diagram, layout, render } = require('../src');
const { elements, byId } = require('./helpers');

const config = {
  nodes: [
    { id: 'push', label: 'git push' },
    { id: 'build', label: 'Build & test' },
    { id: 'deploy', label: 'Deploy to\nstaging', className: 'important' },
  ],
  edges: [
    { from: 'push', to: 'build' },
    { from: 'build', to: 'deploy', label: 'green' },
  ],
};

describe('render', () => {
  const result = layout(config);
  const svg = render(result);

  it('is an SVG document as large as the layout', () => {
    const [root] = elements(svg, 'svg');
    assert.equal(root.xmlns, 'http://www.w3.org/2000/svg');
    assert.deepEqual([root.width, root.height], [result.width, result.height]);
    assert.equal(root.viewBox, `0 0 ${result.width} ${result.height}`);
    assert.ok(svg.endsWith('</svg>'));
  });

  it('is what diagram() returns', () => {
    assert.equal(diagram(config), svg);
  });

  describe('nodes', () => {
    it('draws one box per node where the layout put it', () => {
      const groups = elements(svg, 'g').filter((g) => /\bnode\b/.test(g.class || ''));
      assert.deepEqual(groups.map((g) => g['data-id']), ['push', 'build', 'deploy']);
      const rects = elements(svg, 'rect').filter((r) => r.class === undefined && r.stroke === result.options.theme.nodeStroke);
      const build = byId(result.nodes, 'build');
      assert.deepEqual(
        [rects[1].x, rects[1].y, rects[1].width, rects[1].height],
        [build.x - build.width / 2, build.y - build.height / 2, build.width, build.height],
      );
    });

    it('escapes labels', () => {
      assert.ok(svg.includes('>Build &amp; test</text>'));
    });

    it('writes one tspan per line of a multi-line label', () => {
      const spans = elements(svg, 'tspan');
      assert.equal(spans.length, 2);
      assert.ok(svg.includes('>Deploy to</tspan>') && svg.includes('>staging</tspan>'));
      assert.ok(spans[0].y < spans[1].y);
    });

    it('adds the node className to its group', () => {
      assert.ok(svg.includes('class="node important" data-id="deploy"'));
    });
  });

  describe('edges', () => {
    it('draws every edge with the arrowhead marker at its end', () => {
      const paths = elements(svg, 'path').filter((p) => p.class === 'edge');
      assert.deepEqual(paths.map((p) => p['data-edge']), ['push->build', 'build->deploy']);
      assert.ok(paths.every((p) => p['marker-end'] === 'url(#boxline-arrow)' && p.fill === 'none'));
      assert.ok(svg.includes('<marker id="boxline-arrow"'));
    });

    it('follows the routed points', () => {
      const [first] = elements(svg, 'path').filter((p) => p.class === 'edge');
      const [start, end] = byId(result.edges, 'push->build').points;
      assert.equal(first.d, `M${start.x} ${start.y} L${end.x} ${end.y}`);
    });

    it('draws labels after the boxes, on a background', () => {
      assert.ok(svg.indexOf('class="edge-label"') > svg.lastIndexOf('class="node'));
      const label = svg.slice(svg.indexOf('class="edge-label"'));
      const [background] = elements(label, 'rect');
      const box = byId(result.edges, 'build->deploy').labelBox;
      assert.deepEqual([background.width, background.height, background.fill], [box.width, box.height, '#ffffff']);
      assert.ok(label.includes('>green</text>'));
    });
  });

  it('uses the theme colours', () => {
    const themed = diagram(Object.assign({}, config, { theme: { nodeFill: '#fef3c7', edgeStroke: '#7c3aed' } }));
    assert.ok(themed.includes('fill="#fef3c7"'));
    assert.ok(elements(themed, 'path').filter((p) => p.class === 'edge').every((p) => p.stroke === '#7c3aed'));
  });
});
