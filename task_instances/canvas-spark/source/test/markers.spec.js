describe('markers', function () {
  var MIN = '#d62728';
  var MAX = '#2ca02c';

  describe('findExtremes', function () {
    it('finds the first smallest and the first largest value', function () {
      expect(SparkCanvas.findExtremes([3, 1, 4, 1, 5, 9, 2, 9])).toEqual({ minIndex: 1, maxIndex: 5 });
    });

    it('skips values that are not numbers', function () {
      expect(SparkCanvas.findExtremes([null, 4, NaN, 2])).toEqual({ minIndex: 3, maxIndex: 1 });
    });

    it('is -1 for no values', function () {
      expect(SparkCanvas.findExtremes([])).toEqual({ minIndex: -1, maxIndex: -1 });
    });
  });

  describe('on a sparkline', function () {
    function draw(values, markers) {
      var canvas = H.canvas();
      var s = SparkCanvas.sparkline(canvas, values,
        { width: 120, height: 40, pixelRatio: 1, markerRadius: 3, markers: markers });
      return { canvas: canvas, surface: s };
    }

    it('draws the max marker on the highest point', function () {
      var d = draw([3, 8, 2, 5]);
      var high = d.surface.points[1];
      expect(H.isColor(d.canvas, high.x, high.y, MAX, 10)).toBe(true);
    });

    it('shows the min and max markers by default', function () {
      var d = draw([3, 8, 2, 5]);
      var kinds = d.surface.markers.map(function (m) { return m.kind; }).sort();
      expect(kinds).toEqual(['max', 'min']);
      expect(H.count(d.canvas, MIN, null, 10)).toBeGreaterThan(10);
      expect(H.count(d.canvas, MAX, null, 10)).toBeGreaterThan(10);
    });

    it('draws no marker that is switched off', function () {
      var d = draw([3, 8, 2, 5], { min: false, max: false });
      expect(d.surface.markers).toEqual([]);
      expect(H.count(d.canvas, MIN, null, 10)).toBe(0);
      expect(H.count(d.canvas, MAX, null, 10)).toBe(0);
    });

    it('draws the last marker on the last point in lastColor', function () {
      var canvas = H.canvas();
      var s = SparkCanvas.sparkline(canvas, [3, 8, 2, 5], {
        width: 120, height: 40, pixelRatio: 1, markerRadius: 3,
        markers: { min: false, max: false, last: true }, lastColor: '#ff9900'
      });
      var last = s.points[3];
      expect(H.isColor(canvas, last.x, last.y, '#ff9900', 10)).toBe(true);
    });
  });
});
