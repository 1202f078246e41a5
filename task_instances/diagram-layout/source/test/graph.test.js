'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { createGraph } = require('../src/graph');

describe('graph', () => {
  it('uses the id as label when there is none', () => {
    const graph = createGraph({ nodes: [{ id: 'a' }, { id: 'b', label: 'Bee' }, 'c'] });
    assert.deepEqual(graph.nodes.map((n) => n.label), ['a', 'Bee', 'c']);
  });

  it('needs a nodes array', () => {
    assert.throws(() => createGraph({}), /needs a "nodes" array/);
  });

  it('rejects duplicate node ids', () => {
    assert.throws(() => createGraph({ nodes: ['a', 'a'] }), /duplicate node id "a"/);
  });

  it('rejects edges to unknown nodes', () => {
    assert.throws(() => createGraph({ nodes: ['a'], edges: [{ from: 'a', to: 'b' }] }), /edge 0 to unknown node "b"/);
  });

  it('names edges by their ends and numbers parallel edges', () => {
    const graph = createGraph({ nodes: ['a', 'b'], edges: [['a', 'b'], ['a', 'b', 'again'], { from: 'b', to: 'a' }] });
    assert.deepEqual(graph.edges.map((e) => e.id), ['a->b', 'a->b#2', 'b->a']);
    assert.deepEqual(graph.edges.map((e) => e.label), ['', 'again', '']);
  });

  it('accepts self-loops', () => {
    const graph = createGraph({ nodes: ['a'], edges: [{ from: 'a', to: 'a', label: 'again' }] });
    assert.equal(graph.edges[0].id, 'a->a');
  });
});
