describe('SparkCanvas core', function () {
  it('exposes its version', function () {
    expect(SparkCanvas.version).toMatch(/^1\.4\.\d+$/);
  });

  describe('resolveOptions', function () {
    it('lets later objects override earlier ones', function () {
      var o = SparkCanvas.resolveOptions({ a: 1, b: 2 }, { b: 3 }, { c: 4 });
      expect(o).toEqual({ a: 1, b: 3, c: 4 });
    });

    it('merges nested objects key by key', function () {
      var o = SparkCanvas.resolveOptions({ markers: { min: true, max: true } }, { markers: { max: false } });
      expect(o.markers).toEqual({ min: true, max: false });
    });

    it('ignores undefined values and leaves its inputs alone', function () {
      var defaults = { markers: { min: true }, color: 'red' };
      var o = SparkCanvas.resolveOptions(defaults, { color: undefined, markers: { min: false } });
      expect(o.color).toBe('red');
      expect(defaults.markers.min).toBe(true);
    });
  });

  describe('setupCanvas', function () {
    it('gives the backing store pixelRatio device pixels per CSS pixel', function () {
      var canvas = H.canvas();
      var s = SparkCanvas.setupCanvas(canvas, { width: 120, height: 30, pixelRatio: 2 });
      expect([canvas.width, canvas.height]).toEqual([240, 60]);
      expect([s.width, s.height, s.ratio]).toEqual([120, 30, 2]);
    });

    it('keeps the CSS size of the canvas', function () {
      var canvas = H.canvas();
      SparkCanvas.setupCanvas(canvas, { width: 120, height: 30, pixelRatio: 3 });
      expect(canvas.style.width).toBe('120px');
      expect(canvas.style.height).toBe('30px');
    });

    it('uses window.devicePixelRatio by default', function () {
      var canvas = H.canvas();
      var s = SparkCanvas.setupCanvas(canvas, { width: 50, height: 20 });
      expect(s.ratio).toBe(window.devicePixelRatio || 1);
    });

    it('falls back on the size of the canvas element', function () {
      var canvas = H.canvas();
      canvas.width = 80;
      canvas.height = 24;
      var s = SparkCanvas.setupCanvas(canvas, { pixelRatio: 1 });
      expect([s.width, s.height]).toEqual([80, 24]);
    });

    it('paints the background colour when given', function () {
      var canvas = H.canvas();
      SparkCanvas.setupCanvas(canvas, { width: 40, height: 20, pixelRatio: 1, background: '#102030' });
      expect(H.isColor(canvas, 1, 1, '#102030', 0)).toBe(true);
      expect(H.isColor(canvas, 38, 18, '#102030', 0)).toBe(true);
    });
  });

  describe('draw', function () {
    it('draws each chart type', function () {
      spyOn(SparkCanvas, 'sparkline').and.callThrough();
      spyOn(SparkCanvas, 'barSparkline').and.callThrough();
      spyOn(SparkCanvas, 'gauge').and.callThrough();
      var size = { width: 60, height: 40, pixelRatio: 1 };
      SparkCanvas.draw(H.canvas(), Object.assign({ type: 'line', values: [1, 2] }, size));
      SparkCanvas.draw(H.canvas(), Object.assign({ type: 'bar', values: [1, 2] }, size));
      SparkCanvas.draw(H.canvas(), Object.assign({ type: 'gauge', value: 5 }, size));
      expect(SparkCanvas.sparkline).toHaveBeenCalledTimes(1);
      expect(SparkCanvas.barSparkline).toHaveBeenCalledTimes(1);
      expect(SparkCanvas.gauge).toHaveBeenCalledTimes(1);
    });

    it('draws a line when no type is given', function () {
      var s = SparkCanvas.draw(H.canvas(), { values: [3, 1, 2], width: 60, height: 20, pixelRatio: 1 });
      expect(s.points.length).toBe(3);
    });

    it('rejects unknown chart types', function () {
      expect(function () {
        SparkCanvas.draw(H.canvas(), { type: 'pie', values: [1] });
      }).toThrowError(/unknown chart type "pie"/);
    });
  });
});
