'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { distance, lerp, polylineLength, pointAlong, clipToBox, bounds } = require('../src/geometry');

describe('geometry', () => {
  it('measures distances and polylines', () => {
    assert.equal(distance({ x: 0, y: 0 }, { x: 3, y: 4 }), 5);
    assert.equal(polylineLength([{ x: 0, y: 0 }, { x: 3, y: 4 }, { x: 3, y: 10 }]), 11);
  });

  it('interpolates between two points', () => {
    assert.deepEqual(lerp({ x: 0, y: 10 }, { x: 10, y: 20 }, 0.25), { x: 2.5, y: 12.5 });
  });

  describe('pointAlong', () => {
    it('starts at the first point', () => {
      assert.deepEqual(pointAlong([{ x: 4, y: 5 }, { x: 40, y: 5 }], 0), { x: 4, y: 5 });
    });

    it('returns the only point of a single-point line', () => {
      assert.deepEqual(pointAlong([{ x: 7, y: 8 }], 0.5), { x: 7, y: 8 });
    });

    it('needs a point', () => {
      assert.throws(() => pointAlong([], 0.5), /at least one point/);
    });
  });

  describe('clipToBox', () => {
    const box = { x: 100, y: 50, width: 80, height: 40 };

    it('leaves through the bottom towards a point below', () => {
      assert.deepEqual(clipToBox(box, { x: 100, y: 200 }), { x: 100, y: 70 });
    });

    it('leaves through the side towards a point beside', () => {
      assert.deepEqual(clipToBox(box, { x: 0, y: 50 }), { x: 60, y: 50 });
    });

    it('leaves through whichever side the diagonal hits first', () => {
      const point = clipToBox(box, { x: 200, y: 150 });
      assert.equal(point.y, 70);
      assert.equal(point.x, 120);
    });

    it('returns the centre when aimed at the centre', () => {
      assert.deepEqual(clipToBox(box, { x: 100, y: 50 }), { x: 100, y: 50 });
    });
  });

  it('finds the bounding box of points', () => {
    assert.deepEqual(bounds([{ x: 5, y: 9 }, { x: -1, y: 3 }, { x: 2, y: 12 }]), { x: -1, y: 3, width: 6, height: 9 });
  });
});
