describe('gauge', function () {
  var TRACK = '#e3e3e3';
  var VALUE = '#f28e2b';

  function draw(value, options) {
    var canvas = H.canvas();
    var s = SparkCanvas.gauge(canvas, value,
      Object.assign({ width: 160, height: 100, pixelRatio: 1, knob: false, label: false, rangeLabels: false },
        options));
    return { canvas: canvas, g: s.gauge };
  }

  // the point on the middle of the ring at `turn` (0 = left end, 0.5 = top, 1 = right end)
  function onDial(g, turn) {
    var a = Math.PI + turn * Math.PI;
    return { x: g.cx + g.radius * Math.cos(a), y: g.cy + g.radius * Math.sin(a) };
  }

  function colorAt(d, turn, color) {
    var p = onDial(d.g, turn);
    return H.isColor(d.canvas, p.x, p.y, color, 12);
  }

  describe('layout', function () {
    it('centres the dial and keeps the ring inside the canvas', function () {
      var g = SparkCanvas.gaugeLayout(160, 100, SparkCanvas.GAUGE_DEFAULTS);
      expect(g.cx).toBe(80);
      expect(g.cx - g.radius - g.thickness / 2).toBeGreaterThanOrEqual(0);
      expect(g.cy - g.radius - g.thickness / 2).toBeGreaterThanOrEqual(0);
      expect(g.cy + 16).toBeLessThanOrEqual(100);
    });

    it('is limited by the width of a tall canvas', function () {
      var g = SparkCanvas.gaugeLayout(60, 200, SparkCanvas.GAUGE_DEFAULTS);
      expect(g.radius + g.thickness / 2).toBeLessThanOrEqual(30);
    });
  });

  describe('dial', function () {
    it('shows only the track for the min value', function () {
      var d = draw(0);
      expect(colorAt(d, 0.03, TRACK)).toBe(true);
      expect(colorAt(d, 0.5, TRACK)).toBe(true);
      expect(colorAt(d, 0.97, TRACK)).toBe(true);
      expect(H.count(d.canvas, VALUE)).toBe(0);
    });

    it('fills the whole dial for the max value', function () {
      var d = draw(100);
      expect(colorAt(d, 0.03, VALUE)).toBe(true);
      expect(colorAt(d, 0.5, VALUE)).toBe(true);
      expect(colorAt(d, 0.97, VALUE)).toBe(true);
      expect(H.count(d.canvas, TRACK)).toBe(0);
    });

    it('clamps values outside min..max', function () {
      expect(draw(250).g.fraction).toBe(1);
      expect(draw(-20).g.fraction).toBe(0);
      expect(H.count(draw(-20).canvas, VALUE)).toBe(0);
    });

    it('reads the value against a custom min and max', function () {
      expect(draw(15, { min: 10, max: 30 }).g.fraction).toBe(0.25);
    });

    it('shows a value that is not a number as the min', function () {
      var d = draw(null);
      expect(d.g.fraction).toBe(0);
      expect(H.count(d.canvas, VALUE)).toBe(0);
    });

    it('puts the knob at the top for the middle value', function () {
      var d = draw(50, { knob: true });
      expect(d.g.knob.x).toBeCloseTo(d.g.cx, 5);
      expect(d.g.knob.y).toBeCloseTo(d.g.cy - d.g.radius, 5);
      expect(H.isColor(d.canvas, d.g.knob.x, d.g.knob.y, '#ffffff', 0)).toBe(true);
    });
  });

  describe('labels', function () {
    beforeEach(function () {
      spyOn(CanvasRenderingContext2D.prototype, 'fillText').and.callThrough();
    });

    function texts() {
      return CanvasRenderingContext2D.prototype.fillText.calls.allArgs().map(function (a) { return a[0]; });
    }

    it('prints the value in the middle', function () {
      var d = draw(42.25, { label: true });
      expect(texts()).toEqual(['42.3']);
      var args = CanvasRenderingContext2D.prototype.fillText.calls.mostRecent().args;
      expect(args[1]).toBe(d.g.cx);
      expect(H.count(d.canvas, '#333333', { x: 50, y: 50, width: 60, height: 30 }, 60)).toBeGreaterThan(10);
    });

    it('formats the value with options.format', function () {
      draw(42, { label: true, format: function (v) { return v + '%'; } });
      expect(texts()).toEqual(['42%']);
    });

    it('prints min and max under the ends of the dial', function () {
      var d = draw(42, { rangeLabels: true });
      var calls = CanvasRenderingContext2D.prototype.fillText.calls.allArgs();
      expect(calls.map(function (a) { return a[0]; })).toEqual(['0', '100']);
      expect(calls[0][1]).toBeLessThan(d.g.cx);
      expect(calls[1][1]).toBeGreaterThan(d.g.cx);
      expect(calls[0][2]).toBeGreaterThan(d.g.cy);
    });
  });
});
