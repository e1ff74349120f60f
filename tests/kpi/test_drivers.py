"""kpi.drivers: a ratio KPI's change split into each part's rate and mix effect.

The worked example is computed by hand in the comments; the property proves the parts add
up to the total change for any parts."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi.drivers import Part, decompose


def test_cpa_change_split_by_hand() -> None:
    # before: facebook 1400 / 70 conv = CPA 20, linkedin 1200 / 30 = 40; total 2600/100 = 26
    # after:  facebook 1100 / 55 = 20,          linkedin 2520 / 45 = 56; total 3620/100 = 36.2
    before = {"facebook": Part(20.0, 70.0), "linkedin": Part(40.0, 30.0)}
    after = {"facebook": Part(20.0, 55.0), "linkedin": Part(56.0, 45.0)}
    split = decompose(before, after)
    assert split is not None
    assert split.before == pytest.approx(26.0)
    assert split.after == pytest.approx(36.2)
    linkedin, facebook = split.parts  # largest first
    assert linkedin.name == "linkedin"
    # rate: (0.30 + 0.45) / 2 x (56 - 40) = 6.0; mix: (40 + 56) / 2 x (0.45 - 0.30) = 7.2
    assert linkedin.rate == pytest.approx(6.0)
    assert linkedin.mix == pytest.approx(7.2)
    assert (linkedin.share_before, linkedin.share_after) == pytest.approx((0.30, 0.45))
    # facebook: same CPA (rate 0), share 0.70 -> 0.55: mix 20 x -0.15 = -3.0
    assert facebook.rate == pytest.approx(0.0)
    assert facebook.mix == pytest.approx(-3.0)
    assert split.change == pytest.approx(10.2)
    main = split.main()
    assert main is not None and main.name == "linkedin"
    assert main.total / split.change == pytest.approx(13.2 / 10.2)


def test_new_and_gone_parts_are_all_mix() -> None:
    # before: a only (value 10, share 1); after: a 10 on 50, b 30 on 50 -> 20
    split = decompose({"a": Part(10.0, 100.0)}, {"a": Part(10.0, 50.0), "b": Part(30.0, 50.0)})
    assert split is not None
    b = next(p for p in split.parts if p.name == "b")
    # b had no volume before: its value after stands in, so rate 0 and mix 30 x 0.5 = 15
    assert (b.rate, b.mix) == pytest.approx((0.0, 15.0))
    a = next(p for p in split.parts if p.name == "a")
    assert (a.rate, a.mix) == pytest.approx((0.0, -5.0))
    assert split.change == pytest.approx(10.0)


def test_nothing_to_split_without_volume() -> None:
    assert decompose({"a": Part(None, 0.0)}, {"a": Part(5.0, 10.0)}) is None
    assert decompose({}, {}) is None


part = st.tuples(
    st.floats(min_value=0.0, max_value=1e6, allow_nan=False),  # numerator
    st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=1e6)),  # denominator
)
periods = st.dictionaries(st.sampled_from(["fb", "ig", "li", "gads", "tt"]), part, max_size=5)


@given(periods, periods)
def test_effects_add_up_to_the_change(
    before: dict[str, tuple[float, float]], after: dict[str, tuple[float, float]]
) -> None:
    def parts(period: dict[str, tuple[float, float]]) -> dict[str, Part]:
        return {
            n: Part(top / bottom if bottom else None, bottom) for n, (top, bottom) in period.items()
        }

    split = decompose(parts(before), parts(after))
    used = [{n: p for n, p in period.items() if p[1] > 0} for period in (before, after)]
    if not used[0] or not used[1]:
        assert split is None
        return
    assert split is not None
    # the totals are the ratios of the sums, computed apart from the code
    r0, r1 = (sum(p[0] for p in u.values()) / sum(p[1] for p in u.values()) for u in used)
    assert split.before == pytest.approx(r0, rel=1e-9, abs=1e-9)
    assert split.after == pytest.approx(r1, rel=1e-9, abs=1e-9)
    total = math.fsum(c.rate + c.mix for c in split.parts)
    assert total == pytest.approx(r1 - r0, rel=1e-9, abs=1e-6)
