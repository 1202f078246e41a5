'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { createGraph } = require('../src/graph');
const { acyclicEdges, countCrossings, orderLayers, rankGraph } = require('../src/rank');

function ranksOf(config) {
  const { rank } = rankGraph(createGraph(config));
  return Object.fromEntries(config.nodes.map((id) => [id, rank.get(id)]));
}

describe('rank', () => {
  describe('ranking', () => {
    it('puts a chain on consecutive ranks', () => {
      assert.deepEqual(ranksOf({ nodes: ['a', 'b', 'c'], edges: [['a', 'b'], ['b', 'c']] }), { a: 0, b: 1, c: 2 });
    });

    it('ranks a node below its deepest predecessor', () => {
      const ranks = ranksOf({ nodes: ['a', 'b', 'c', 'd'], edges: [['a', 'b'], ['b', 'c'], ['a', 'c'], ['c', 'd']] });
      assert.deepEqual(ranks, { a: 0, b: 1, c: 2, d: 3 });
    });

    it('keeps unconnected nodes on the first rank', () => {
      assert.deepEqual(ranksOf({ nodes: ['a', 'b', 'x'], edges: [['a', 'b']] }), { a: 0, b: 1, x: 0 });
    });

    it('ignores self-loops', () => {
      assert.deepEqual(ranksOf({ nodes: ['a', 'b'], edges: [['a', 'a'], ['a', 'b']] }), { a: 0, b: 1 });
    });
  });

  describe('cycles', () => {
    it('turns around the edge that closes a cycle', () => {
      const graph = createGraph({ nodes: ['a', 'b', 'c'], edges: [['a', 'b'], ['b', 'c'], ['c', 'a']] });
      const dag = acyclicEdges(graph.nodes.map((n) => n.id), graph.edges);
      assert.deepEqual(dag.map((e) => [e.from, e.to, e.reversed]), [['a', 'b', false], ['b', 'c', false], ['a', 'c', true]]);
    });

    it('still ranks a cyclic graph from its first node', () => {
      assert.deepEqual(ranksOf({ nodes: ['a', 'b', 'c'], edges: [['a', 'b'], ['b', 'c'], ['c', 'a']] }), { a: 0, b: 1, c: 2 });
    });
  });

  describe('virtual nodes', () => {
    it('splits an edge that spans several ranks', () => {
      const graph = createGraph({ nodes: ['a', 'b', 'c', 'd'], edges: [['a', 'b'], ['b', 'c'], ['c', 'd'], ['a', 'd']] });
      const ranking = rankGraph(graph);
      const chain = ranking.chains.get(graph.edges[3]);
      assert.equal(chain.length, 4);
      assert.equal(chain[0], 'a');
      assert.equal(chain[3], 'd');
      assert.ok(chain.slice(1, 3).every((id) => ranking.virtual.has(id)));
      assert.deepEqual(chain.slice(1, 3).map((id) => ranking.rank.get(id)), [1, 2]);
    });
  });

  describe('ordering', () => {
    it('counts crossings between ranks', () => {
      const layers = [['a', 'b'], ['c', 'd']];
      assert.equal(countCrossings(layers, [{ from: 'a', to: 'd' }, { from: 'b', to: 'c' }]), 1);
      assert.equal(countCrossings(layers, [{ from: 'a', to: 'c' }, { from: 'b', to: 'd' }]), 0);
    });

    it('reorders a rank to remove crossings', () => {
      const segments = [{ from: 'a', to: 'd' }, { from: 'b', to: 'c' }];
      const ordered = orderLayers([['a', 'b'], ['c', 'd']], segments);
      assert.equal(countCrossings(ordered, segments), 0);
      assert.deepEqual(ordered[0], ['a', 'b']);
    });

    it('keeps the given order when nothing crosses', () => {
      const { layers } = rankGraph(createGraph({ nodes: ['a', 'b', 'c'], edges: [['a', 'b'], ['a', 'c']] }));
      assert.deepEqual(layers, [['a'], ['b', 'c']]);
    });
  });
});
