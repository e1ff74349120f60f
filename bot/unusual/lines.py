"""The lines a reply or a digest shows: is the value unusual (kpi.unusual), and what drove
its change (kpi.drivers), in the reader's language."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

from bot.texts import t
from kpi.drivers import Decomposition, Part, decompose
from kpi.formatting import fmt_date, fmt_date_range, fmt_percent, fmt_value
from kpi.metric import Kpi
from kpi.registry import compute
from kpi.totals import Totals
from kpi.unusual import Verdict


def _value(kpi: Kpi, value: float, locale: str, currency: str) -> str:
    return fmt_value(value, kpi.unit, locale, currency)


def unusual_line(kpi: Kpi, verdict: Verdict, locale: str, currency: str) -> str:
    """ "Unusual: CPA €2.40 on 29 Nov 2026 — expected €1.20–€1.80 (worse than usual)", the
    usual range, or why nothing can be said."""
    label = t(f"kpi.{kpi.name}.label", locale)
    if verdict.status == "quiet" or verdict.low is None or verdict.high is None:
        return t(verdict.reason or "unusual.quiet.volume", locale, **verdict.reason_args)
    value = _value(kpi, verdict.value or 0.0, locale, currency)
    low = _value(kpi, verdict.low, locale, currency)
    high = _value(kpi, verdict.high, locale, currency)
    day = fmt_date(verdict.day, locale)
    if not verdict.unusual:
        return t("unusual.usual", locale, kpi=label, day=day, low=low, high=high)
    better = (verdict.status == "high") == (kpi.direction == "higher")
    judgement = t("unusual.better" if better else "unusual.worse", locale)
    if verdict.window > 1:
        first = verdict.day - dt.timedelta(days=verdict.window - 1)
        days = fmt_date_range(first, verdict.day, locale)
        return t(
            "unusual.flag_week", locale, kpi=label, value=value, days=days,
            low=low, high=high, judgement=judgement,
        )  # fmt: skip
    return t(
        "unusual.flag_day", locale, kpi=label, value=value, day=day,
        low=low, high=high, judgement=judgement,
    )  # fmt: skip


#: A change smaller than this share of the value before has no drivers worth naming.
MIN_CHANGE = 0.05


def parts_of(kpi: Kpi, split: Mapping[str, Totals]) -> dict[str, Part]:
    """Each part's value of ``kpi`` and its denominator (the volume it weighs with)."""
    parts = {}
    for name, totals in split.items():
        result = compute(kpi, totals)
        volume = result.terms.get(kpi.denominator or "") or 0.0
        parts[name] = Part(result.value, volume)
    return parts


def drivers(
    kpi: Kpi,
    before: Mapping[str, Totals],
    after: Mapping[str, Totals],
    whole: tuple[float | None, float | None],
) -> Decomposition | None:
    """The change of a ratio KPI split over the parts; None for a sum, fewer than two
    parts, a change under MIN_CHANGE of the value before, or parts that do not add up to
    the ``whole`` (before, after) shown."""
    if kpi.denominator is None or len(set(before) | set(after)) < 2:
        return None
    split = decompose(parts_of(kpi, before), parts_of(kpi, after))
    if split is None or whole[0] is None or whole[1] is None:
        return None
    if abs(whole[1] - whole[0]) < MIN_CHANGE * abs(whole[0]):
        return None
    for mine, shown in ((split.before, whole[0]), (split.after, whole[1])):
        if not math.isclose(mine, shown, rel_tol=1e-6, abs_tol=1e-9):
            return None  # e.g. a part reports the numerator without the denominator
    return split


def drivers_line(kpi: Kpi, split: Decomposition, locale: str, currency: str) -> str | None:
    """ "Main driver: linkedin made 129 % of the change — its CPA went from €40.00 to €56.00
    and its share of conversions from 30 % to 45 %." None when no part moved it that way."""
    main = split.main()
    if main is None:
        return None
    return t(
        "unusual.driver", locale,
        part=main.name,
        portion=fmt_percent(main.total / split.change * 100, locale, 0),
        kpi=t(f"kpi.{kpi.name}.label", locale),
        before=_value(kpi, main.before, locale, currency),
        after=_value(kpi, main.after, locale, currency),
        volume=t(f"term.{kpi.denominator}", locale),
        share_before=fmt_percent(main.share_before * 100, locale, 0),
        share_after=fmt_percent(main.share_after * 100, locale, 0),
    )  # fmt: skip
