"""Synthetic bureaus are reproducible and of the sizes the benchmark promises."""

import pytest

from anjian.planning.schedule.synthetic import synthetic_bureau


def test_same_seed_gives_the_same_bureau_and_another_seed_another():
    a, b, c = synthetic_bureau("county", 7), synthetic_bureau("county", 7), synthetic_bureau("county", 8)
    assert a.demands == b.demands and a.officers == b.officers and a.caps == b.caps
    assert a.demands != c.demands


@pytest.mark.parametrize(
    ("size", "enterprises", "officers", "agencies"), [("county", 400, 25, 1), ("city", 5000, 100, 1)]
)
def test_sizes(size, enterprises, officers, agencies):
    p = synthetic_bureau(size)
    assert (len(p.enterprises), len(p.officers), len(p.agencies)) == (enterprises, officers, agencies)
    assert {d.enterprise_id for d in p.demands} <= {e.id for e in p.enterprises}
    assert all(d.responsible_office_ids for d in p.demands)
