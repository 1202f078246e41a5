describe('sparkline', function () {
  var LINE = '#1f77b4';
  var noMarkers = { min: false, max: false, last: false };

  function draw(values, options) {
    var canvas = H.canvas();
    var s = SparkCanvas.sparkline(canvas, values,
      Object.assign({ width: 100, height: 30, pixelRatio: 1 }, options));
    return { canvas: canvas, surface: s, points: s.points };
  }

  describe('points', function () {
    it('spreads the values over the whole width', function () {
      var p = draw([1, 5, 3, 4, 2]).points;
      expect(p.length).toBe(5);
      expect(p[0].x).toBeLessThan(5);
      expect(p[4].x).toBeGreaterThan(95);
      expect(p[2].x).toBeCloseTo(50, 5);
    });

    it('puts the largest value at the top and the smallest at the bottom', function () {
      var p = draw([1, 5, 3]).points;
      expect(p[1].y).toBeLessThan(5);
      expect(p[0].y).toBeGreaterThan(25);
      expect(p[2].y).toBeCloseTo((p[0].y + p[1].y) / 2, 5);
    });

    it('keeps the first and the last point with their markers inside the canvas', function () {
      var p = draw([2, 8, 1, 9], { markers: { last: true } }).points;
      expect(p[0].x - 2.5).toBeGreaterThanOrEqual(0);
      expect(p[3].x + 2.5).toBeLessThanOrEqual(100);
    });

    it('uses fixed min and max for the vertical scale', function () {
      var p = draw([5, 5], { min: 0, max: 10, markers: noMarkers }).points;
      expect(p[0].y).toBeCloseTo(15, 5);
    });

    it('skips values that are not numbers', function () {
      var p = draw([1, null, 3, NaN, 2]).points;
      expect(p.map(function (q) { return q.index; })).toEqual([0, 2, 4]);
    });
  });

  describe('drawing', function () {
    it('strokes the line in lineColor through the points', function () {
      var d = draw([1, 5, 3], { markers: noMarkers, lineWidth: 3 });
      d.points.forEach(function (p) {
        expect(H.isColor(d.canvas, p.x, p.y, LINE, 40)).toBe(true);
      });
      var a = d.points[0];
      var b = d.points[1];
      expect(H.isColor(d.canvas, (a.x + b.x) / 2, (a.y + b.y) / 2, LINE, 40)).toBe(true);
    });

    it('uses a custom lineColor', function () {
      var d = draw([1, 2, 1], { markers: noMarkers, lineColor: '#aa00aa', lineWidth: 2 });
      expect(H.count(d.canvas, '#aa00aa')).toBeGreaterThan(50);
      expect(H.count(d.canvas, LINE)).toBe(0);
    });

    it('leaves a gap where a value is missing', function () {
      var d = draw([2, 2, null, 2, 2], { markers: noMarkers, min: 0, max: 4, lineWidth: 3 });
      expect(H.count(d.canvas, 'any', { x: 40, y: 0, width: 20, height: 30 })).toBe(0);
      expect(H.count(d.canvas, LINE, { x: 5, y: 0, width: 20, height: 30 })).toBeGreaterThan(0);
    });

    it('fills the area under the line with fillColor', function () {
      var d = draw([4, 4, 4], { markers: noMarkers, min: 0, max: 8, fillColor: '#cce0ff' });
      expect(H.isColor(d.canvas, 50, 24, '#cce0ff', 0)).toBe(true);
      expect(H.count(d.canvas, 'any', { x: 0, y: 0, width: 100, height: 10 })).toBe(0);
    });

    it('draws nothing for no values', function () {
      var d = draw([]);
      expect(d.points).toEqual([]);
      expect(H.inkBox(d.canvas)).toBeNull();
    });

    it('draws a single value as a dot', function () {
      var d = draw([7], { markers: noMarkers, lineWidth: 4 });
      expect(H.count(d.canvas, LINE)).toBeGreaterThan(4);
    });
  });
});
