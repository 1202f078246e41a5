'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { arrowMarker, markerId } = require('../src/markers');
const { resolveOptions } = require('../src/options');
const { elements } = require('./helpers');

describe('markers', () => {
  const options = resolveOptions({});

  it('names the arrowhead after the id prefix', () => {
    assert.equal(markerId(options), 'boxline-arrow');
    assert.equal(markerId(resolveOptions({ idPrefix: 'flow2' })), 'flow2-arrow');
  });

  it('turns the arrowhead with the edge', () => {
    const [marker] = elements(arrowMarker(options), 'marker');
    assert.equal(marker.orient, 'auto');
    assert.equal(marker.viewBox, '0 0 10 10');
    assert.deepEqual([marker.refX, marker.refY], [10, 5]);
  });

  it('sizes the arrowhead in user units, from arrowSize', () => {
    const [marker] = elements(arrowMarker(resolveOptions({ arrowSize: 14 })), 'marker');
    assert.equal(marker.markerUnits, 'userSpaceOnUse');
    assert.deepEqual([marker.markerWidth, marker.markerHeight], [14, 14]);
  });

  it('fills the arrowhead with the edge colour', () => {
    const [path] = elements(arrowMarker(resolveOptions({ theme: { edgeStroke: '#b91c1c' } })), 'path');
    assert.equal(path.fill, '#b91c1c');
  });
});
