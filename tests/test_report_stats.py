import pytest

from swebench_mm.reports.stats import mcnemar_exact, percentile, wilson_interval


def test_wilson_interval_matches_published_values():
    assert wilson_interval(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert wilson_interval(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    low, high = wilson_interval(10, 10)
    assert high == pytest.approx(1.0) and low == pytest.approx(0.7225, abs=1e-4)
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_exact_mcnemar():
    assert mcnemar_exact(0, 5) == pytest.approx(0.0625)
    assert mcnemar_exact(3, 3) == 1.0
    assert mcnemar_exact(1, 9) == pytest.approx(2 * (1 + 10) / 1024)
    assert mcnemar_exact(0, 0) == 1.0


def test_percentiles():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10, 1, 5], 90) == pytest.approx(9.0)
    assert percentile([], 50) is None
