'use strict';

// Small 2-D helpers for routing edges.

function distance(a, b) {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

function lerp(a, b, t) {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

function polylineLength(points) {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += distance(points[i - 1], points[i]);
  return total;
}

// The point `fraction` (0..1) of the way along a polyline, measured by length.
function pointAlong(points, fraction) {
  if (points.length === 0) throw new Error('pointAlong needs at least one point');
  const target = polylineLength(points) * Math.min(1, Math.max(0, fraction));
  let travelled = 0;
  for (let i = 1; i < points.length; i++) {
    travelled += distance(points[i - 1], points[i]);
    if (travelled >= target) {
      return { x: points[i - 1].x, y: points[i - 1].y };
    }
  }
  const last = points[points.length - 1];
  return { x: last.x, y: last.y };
}

// Where the segment from the centre of `box` towards `toward` leaves the box's border.
// `box` is { x, y, width, height } with x, y its centre.
function clipToBox(box, toward) {
  const dx = toward.x - box.x;
  const dy = toward.y - box.y;
  if (dx === 0 && dy === 0) return { x: box.x, y: box.y };
  const halfW = box.width / 2;
  const halfH = box.height / 2;
  const scale = Math.min(dx === 0 ? Infinity : halfW / Math.abs(dx), dy === 0 ? Infinity : halfH / Math.abs(dy));
  return { x: box.x + dx * scale, y: box.y + dy * scale };
}

// The bounding box { x, y, width, height } (top-left corner) of some points.
function bounds(points) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

module.exports = { distance, lerp, polylineLength, pointAlong, clipToBox, bounds };
