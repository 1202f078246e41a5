describe('barSparkline', function () {
  var BAR = '#4e79a7';

  function draw(values, options) {
    var canvas = H.canvas();
    var s = SparkCanvas.barSparkline(canvas, values,
      Object.assign({ width: 100, height: 40, pixelRatio: 1, gap: 2 }, options));
    return { canvas: canvas, bars: s.bars };
  }

  describe('layout', function () {
    it('gives every value a slot of equal width, less the gap', function () {
      var bars = draw([2, 4, 8, 6]).bars;
      expect(bars.length).toBe(4);
      expect(bars.map(function (b) { return b.x; })).toEqual([1, 26, 51, 76]);
      bars.forEach(function (b) { expect(b.width).toBe(23); });
    });

    it('makes bar heights proportional to the values', function () {
      var bars = draw([2, 4, 8, 6]).bars;
      expect(bars.map(function (b) { return b.height; })).toEqual([10, 20, 40, 30]);
    });

    it('stands the bars on the bottom edge', function () {
      draw([2, 4, 8, 6]).bars.forEach(function (b) {
        expect(b.y + b.height).toBe(40);
      });
    });

    it('leaves the slot of a missing value empty', function () {
      var d = draw([3, null, 3]);
      expect(d.bars.map(function (b) { return b.index; })).toEqual([0, 2]);
      expect(H.count(d.canvas, 'any', { x: 35, y: 0, width: 30, height: 40 })).toBe(0);
    });

    it('uses a fixed max for the scale', function () {
      var bars = draw([5], { max: 10 }).bars;
      expect(bars[0].height).toBe(20);
    });
  });

  describe('drawing', function () {
    it('fills the bars in barColor', function () {
      var d = draw([2, 4, 8, 6]);
      expect(H.isColor(d.canvas, 60, 5, BAR, 0)).toBe(true);
      expect(H.isColor(d.canvas, 10, 35, BAR, 0)).toBe(true);
      expect(H.count(d.canvas, 'any', { x: 2, y: 0, width: 20, height: 28 })).toBe(0);
    });

    it('draws a zero line across the chart when asked', function () {
      var d = draw([2, 0, 8, 6], { zeroLine: '#222222' });
      expect(H.isColor(d.canvas, 37, 39.5, '#222222', 0)).toBe(true);
    });

    it('matches the snapshot of a small series', function (done) {
      var d = draw([1, 3, 5, 7, 9, 7, 5, 3], { width: 80, height: 40, gap: 1 });
      H.fixture('bars-basic.txt').then(function (expected) {
        var actual = H.mask(d.canvas, 16, 8, { '#': BAR });
        expect(H.maskDiff(actual, expected)).toBeLessThanOrEqual(3);
        done();
      }, done.fail);
    });
  });
});
