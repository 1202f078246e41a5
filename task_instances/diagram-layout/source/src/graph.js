'use strict';

// The diagram's graph as the user wrote it, checked: nodes with unique ids, edges between them.

function edgeId(from, to, seen) {
  const base = `${from}->${to}`;
  const count = seen.get(base) || 0;
  seen.set(base, count + 1);
  return count === 0 ? base : `${base}#${count + 1}`;
}

function createGraph(config) {
  if (!config || !Array.isArray(config.nodes)) {
    throw new Error('a diagram needs a "nodes" array');
  }
  const nodes = [];
  const byId = new Map();
  config.nodes.forEach((raw, index) => {
    const spec = typeof raw === 'string' ? { id: raw } : raw;
    if (!spec || spec.id === undefined || spec.id === null || spec.id === '') {
      throw new Error(`node ${index} has no id`);
    }
    const id = String(spec.id);
    if (byId.has(id)) throw new Error(`duplicate node id "${id}"`);
    const node = {
      id,
      label: spec.label === undefined ? id : String(spec.label),
      width: spec.width,
      height: spec.height,
      className: spec.className,
      index,
    };
    byId.set(id, node);
    nodes.push(node);
  });

  const seen = new Map();
  const edges = (config.edges || []).map((raw, index) => {
    const spec = Array.isArray(raw) ? { from: raw[0], to: raw[1], label: raw[2] } : raw;
    for (const end of ['from', 'to']) {
      if (!byId.has(String(spec[end]))) {
        throw new Error(`edge ${index} ${end} unknown node "${spec[end]}"`);
      }
    }
    const from = String(spec.from);
    const to = String(spec.to);
    return {
      id: edgeId(from, to, seen),
      from,
      to,
      label: spec.label === undefined || spec.label === null ? '' : String(spec.label),
      index,
    };
  });

  return { nodes, edges, byId };
}

module.exports = { createGraph };
