'use strict';

// Layering (Sugiyama style): break cycles, give every node a rank, split edges that span several
// ranks with virtual nodes, then order each rank to keep edge crossings low.

// The edges of the graph without self-loops, as a DAG: edges that close a cycle (found by a depth
// first search in the order the nodes were given) are turned around and marked `reversed`.
function acyclicEdges(nodeIds, edges) {
  const out = new Map(nodeIds.map((id) => [id, []]));
  for (const edge of edges) {
    if (edge.from !== edge.to) out.get(edge.from).push(edge);
  }
  const state = new Map(); // 1: on the DFS stack, 2: finished
  const reversed = new Set();
  const visit = (id) => {
    state.set(id, 1);
    for (const edge of out.get(id)) {
      const next = state.get(edge.to);
      if (next === 1) reversed.add(edge);
      else if (next === undefined) visit(edge.to);
    }
    state.set(id, 2);
  };
  for (const id of nodeIds) {
    if (!state.has(id)) visit(id);
  }
  return edges
    .filter((edge) => edge.from !== edge.to)
    .map((edge) => (reversed.has(edge)
      ? { from: edge.to, to: edge.from, edge, reversed: true }
      : { from: edge.from, to: edge.to, edge, reversed: false }));
}

// Longest path ranking: sources get rank 0, every other node one more than its deepest predecessor.
function assignRanks(nodeIds, dagEdges) {
  const incoming = new Map(nodeIds.map((id) => [id, 0]));
  const out = new Map(nodeIds.map((id) => [id, []]));
  for (const e of dagEdges) {
    incoming.set(e.to, incoming.get(e.to) + 1);
    out.get(e.from).push(e.to);
  }
  const rank = new Map(nodeIds.map((id) => [id, 0]));
  const queue = nodeIds.filter((id) => incoming.get(id) === 0);
  while (queue.length > 0) {
    const id = queue.shift();
    for (const next of out.get(id)) {
      rank.set(next, Math.max(rank.get(next), rank.get(id) + 1));
      incoming.set(next, incoming.get(next) - 1);
      if (incoming.get(next) === 0) queue.push(next);
    }
  }
  return rank;
}

// Splits every DAG edge spanning more than one rank into unit-length segments through virtual
// nodes. Returns the ranks (arrays of ids, in node order), the segments, and each edge's chain of ids.
function buildLayers(nodeIds, dagEdges, rank) {
  const depth = Math.max(-1, ...rank.values()) + 1;
  const layers = Array.from({ length: depth }, () => []);
  for (const id of nodeIds) layers[rank.get(id)].push(id);
  const segments = [];
  const chains = new Map();
  const virtual = new Set();
  let counter = 0;
  for (const e of dagEdges) {
    const chain = [e.from];
    for (let r = rank.get(e.from) + 1; r < rank.get(e.to); r++) {
      const id = `\u0000v${counter++}`;
      virtual.add(id);
      layers[r].push(id);
      rank.set(id, r);
      chain.push(id);
    }
    chain.push(e.to);
    for (let i = 1; i < chain.length; i++) segments.push({ from: chain[i - 1], to: chain[i] });
    chains.set(e.edge, chain);
  }
  return { layers, segments, chains, virtual };
}

function positions(layer) {
  return new Map(layer.map((id, index) => [id, index]));
}

// One barycenter pass: sorts `layer` by the mean position of each node's neighbours in `fixed`.
function sortByBarycenter(layer, fixed, neighbours) {
  const pos = positions(fixed);
  const current = positions(layer);
  const keyed = layer.map((id) => {
    const around = (neighbours.get(id) || []).filter((n) => pos.has(n));
    const key = around.length === 0
      ? current.get(id)
      : around.reduce((sum, n) => sum + pos.get(n), 0) / around.length;
    return { id, key, index: current.get(id) };
  });
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  return keyed.map((k) => k.id);
}

// Edge crossings between consecutive ranks.
function countCrossings(layers, segments) {
  let crossings = 0;
  for (let r = 0; r + 1 < layers.length; r++) {
    const top = positions(layers[r]);
    const bottom = positions(layers[r + 1]);
    const between = segments
      .filter((s) => top.has(s.from) && bottom.has(s.to))
      .map((s) => [top.get(s.from), bottom.get(s.to)]);
    for (let i = 0; i < between.length; i++) {
      for (let j = i + 1; j < between.length; j++) {
        const [a1, b1] = between[i];
        const [a2, b2] = between[j];
        if ((a1 - a2) * (b1 - b2) < 0) crossings++;
      }
    }
  }
  return crossings;
}

// Alternating down and up barycenter sweeps; keeps the ordering with the fewest crossings.
function orderLayers(layers, segments, sweeps = 4) {
  const preds = new Map();
  const succs = new Map();
  for (const s of segments) {
    if (!preds.has(s.to)) preds.set(s.to, []);
    if (!succs.has(s.from)) succs.set(s.from, []);
    preds.get(s.to).push(s.from);
    succs.get(s.from).push(s.to);
  }
  let current = layers.map((layer) => layer.slice());
  let best = current;
  let bestCrossings = countCrossings(current, segments);
  for (let sweep = 0; sweep < sweeps && bestCrossings > 0; sweep++) {
    current = current.map((layer) => layer.slice());
    if (sweep % 2 === 0) {
      for (let r = 1; r < current.length; r++) current[r] = sortByBarycenter(current[r], current[r - 1], preds);
    } else {
      for (let r = current.length - 2; r >= 0; r--) current[r] = sortByBarycenter(current[r], current[r + 1], succs);
    }
    const crossings = countCrossings(current, segments);
    if (crossings < bestCrossings) {
      best = current;
      bestCrossings = crossings;
    }
  }
  return best;
}

function rankGraph(graph) {
  const nodeIds = graph.nodes.map((n) => n.id);
  const dagEdges = acyclicEdges(nodeIds, graph.edges);
  const rank = assignRanks(nodeIds, dagEdges);
  const { layers, segments, chains, virtual } = buildLayers(nodeIds, dagEdges, rank);
  const reversed = new Set(dagEdges.filter((e) => e.reversed).map((e) => e.edge));
  return { rank, layers: orderLayers(layers, segments), segments, chains, virtual, reversed };
}

module.exports = { acyclicEdges, assignRanks, buildLayers, countCrossings, orderLayers, rankGraph };
