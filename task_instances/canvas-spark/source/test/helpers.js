/* Helpers shared by the specs: canvases, reading pixels back, coarse image snapshots. */
(function () {
  'use strict';

  var created = [];

  function parseColor(color) {
    var m = /^#([0-9a-f]{6})$/i.exec(color);
    if (m) {
      var n = parseInt(m[1], 16);
      return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    }
    throw new Error('helpers: use #rrggbb colours in tests, got ' + color);
  }

  function ratioOf(canvas) {
    var cssWidth = parseFloat(canvas.style.width) || canvas.width;
    return canvas.width / cssWidth;
  }

  function cssSize(canvas) {
    var ratio = ratioOf(canvas);
    return { width: canvas.width / ratio, height: canvas.height / ratio, ratio: ratio };
  }

  function matches(data, offset, rgb, tolerance) {
    if (data[offset + 3] < 200) return false;
    return Math.abs(data[offset] - rgb[0]) <= tolerance &&
      Math.abs(data[offset + 1] - rgb[1]) <= tolerance &&
      Math.abs(data[offset + 2] - rgb[2]) <= tolerance;
  }

  window.H = {
    /** A canvas attached to the document (removed after each spec). */
    canvas: function () {
      var canvas = document.createElement('canvas');
      document.body.appendChild(canvas);
      created.push(canvas);
      return canvas;
    },

    cleanup: function () {
      created.forEach(function (c) { c.remove(); });
      created = [];
    },

    cssSize: cssSize,

    /** [r, g, b, a] of the device pixel under the CSS pixel (x, y). */
    pixel: function (canvas, x, y) {
      var ratio = ratioOf(canvas);
      var px = Math.floor(x * ratio);
      var py = Math.floor(y * ratio);
      return Array.prototype.slice.call(canvas.getContext('2d').getImageData(px, py, 1, 1).data);
    },

    /** Whether the pixel under CSS (x, y) is opaque and within `tolerance` of `color` per channel. */
    isColor: function (canvas, x, y, color, tolerance) {
      return matches(H.pixel(canvas, x, y), 0, parseColor(color), tolerance === undefined ? 24 : tolerance);
    },

    /** Device pixels of `color` inside the CSS rectangle {x, y, width, height} (default: all). */
    count: function (canvas, color, rect, tolerance) {
      var ratio = ratioOf(canvas);
      var size = cssSize(canvas);
      var r = rect || { x: 0, y: 0, width: size.width, height: size.height };
      var x0 = Math.max(0, Math.floor(r.x * ratio));
      var y0 = Math.max(0, Math.floor(r.y * ratio));
      var x1 = Math.min(canvas.width, Math.ceil((r.x + r.width) * ratio));
      var y1 = Math.min(canvas.height, Math.ceil((r.y + r.height) * ratio));
      if (x1 <= x0 || y1 <= y0) return 0;
      var data = canvas.getContext('2d').getImageData(x0, y0, x1 - x0, y1 - y0).data;
      var rgb = color === 'any' ? null : parseColor(color);
      var tol = tolerance === undefined ? 24 : tolerance;
      var n = 0;
      for (var i = 0; i < data.length; i += 4) {
        if (rgb ? matches(data, i, rgb, tol) : data[i + 3] > 0) n++;
      }
      return n;
    },

    /** Bounding box, in CSS pixels, of every pixel that is not fully transparent; null when blank. */
    inkBox: function (canvas) {
      var ratio = ratioOf(canvas);
      var data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      var box = null;
      for (var py = 0; py < canvas.height; py++) {
        for (var px = 0; px < canvas.width; px++) {
          if (data[(py * canvas.width + px) * 4 + 3] === 0) continue;
          if (!box) box = { left: px, top: py, right: px, bottom: py };
          box.left = Math.min(box.left, px);
          box.right = Math.max(box.right, px);
          box.top = Math.min(box.top, py);
          box.bottom = Math.max(box.bottom, py);
        }
      }
      if (!box) return null;
      return { left: box.left / ratio, top: box.top / ratio,
        right: (box.right + 1) / ratio, bottom: (box.bottom + 1) / ratio };
    },

    /**
     * A coarse picture of the canvas: `cols` x `rows` cells, each shown by the
     * character of the legend colour covering most of it (at least 40%), or '.'.
     * legend: {'#': '#4e79a7', ...}
     */
    mask: function (canvas, cols, rows, legend) {
      var data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      var keys = Object.keys(legend);
      var colors = keys.map(function (k) { return parseColor(legend[k]); });
      var lines = [];
      for (var row = 0; row < rows; row++) {
        var line = '';
        var y0 = Math.floor(row * canvas.height / rows);
        var y1 = Math.floor((row + 1) * canvas.height / rows);
        for (var col = 0; col < cols; col++) {
          var x0 = Math.floor(col * canvas.width / cols);
          var x1 = Math.floor((col + 1) * canvas.width / cols);
          var counts = keys.map(function () { return 0; });
          for (var py = y0; py < y1; py++) {
            for (var px = x0; px < x1; px++) {
              var offset = (py * canvas.width + px) * 4;
              for (var k = 0; k < colors.length; k++) {
                if (matches(data, offset, colors[k], 30)) { counts[k]++; break; }
              }
            }
          }
          var best = -1;
          counts.forEach(function (c, k) { if (best < 0 || c > counts[best]) best = k; });
          var area = (x1 - x0) * (y1 - y0);
          line += counts[best] >= 0.4 * area ? keys[best] : '.';
        }
        lines.push(line);
      }
      return lines.join('\n');
    },

    /** Cells that differ between two masks of the same shape. */
    maskDiff: function (actual, expected) {
      var a = actual.trim().split('\n');
      var e = expected.trim().split('\n');
      if (a.length !== e.length) return Infinity;
      var diff = 0;
      for (var row = 0; row < a.length; row++) {
        if (a[row].length !== e[row].length) return Infinity;
        for (var col = 0; col < a[row].length; col++) if (a[row][col] !== e[row][col]) diff++;
      }
      return diff;
    },

    /** Text of test/fixtures/<name>, served by karma under /base/. */
    fixture: function (name) {
      return fetch('/base/test/fixtures/' + name).then(function (response) {
        if (!response.ok) throw new Error('fixture ' + name + ': HTTP ' + response.status);
        return response.text();
      });
    }
  };

  afterEach(function () {
    H.cleanup();
  });
})();
