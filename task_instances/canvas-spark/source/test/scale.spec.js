describe('scales', function () {
  describe('extent', function () {
    it('returns the smallest and the largest value', function () {
      expect(SparkCanvas.extent([4, -2, 9, 0])).toEqual([-2, 9]);
    });

    it('skips values that are not finite numbers', function () {
      expect(SparkCanvas.extent([null, 3, NaN, 7, undefined, Infinity])).toEqual([3, 7]);
    });

    it('is null for no values', function () {
      expect(SparkCanvas.extent([])).toBeNull();
      expect(SparkCanvas.extent([null])).toBeNull();
    });
  });

  describe('domainFor', function () {
    it('is the extent of the values by default', function () {
      expect(SparkCanvas.domainFor([5, 2, 8])).toEqual([2, 8]);
    });

    it('takes fixed ends from min and max', function () {
      expect(SparkCanvas.domainFor([5, 2, 8], { min: 0 })).toEqual([0, 8]);
      expect(SparkCanvas.domainFor([5, 2, 8], { max: 10 })).toEqual([2, 10]);
    });

    it('widens a domain of a single value', function () {
      expect(SparkCanvas.domainFor([4, 4])).toEqual([3, 5]);
      expect(SparkCanvas.domainFor([])).toEqual([-1, 1]);
    });

    it('starts at zero for positive values with includeZero', function () {
      expect(SparkCanvas.domainFor([3, 9, 6], { includeZero: true })).toEqual([0, 9]);
    });
  });

  describe('linear', function () {
    it('maps the ends of the domain on the ends of the range', function () {
      var s = SparkCanvas.linear([10, 20], [0, 100]);
      expect(s(10)).toBe(0);
      expect(s(20)).toBe(100);
      expect(s(12.5)).toBe(25);
    });

    it('works with an inverted range (canvas y grows downwards)', function () {
      var s = SparkCanvas.linear([0, 4], [40, 0]);
      expect(s(0)).toBe(40);
      expect(s(1)).toBe(30);
    });

    it('puts everything in the middle of the range for an empty domain', function () {
      expect(SparkCanvas.linear([3, 3], [0, 50])(3)).toBe(25);
    });
  });

  it('clamps values to a range', function () {
    expect(SparkCanvas.clamp(5, 0, 1)).toBe(1);
    expect(SparkCanvas.clamp(-5, 0, 1)).toBe(0);
    expect(SparkCanvas.clamp(0.5, 0, 1)).toBe(0.5);
  });
});
