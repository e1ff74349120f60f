"""Charts a manager reads in five seconds, checked on the drawn artists (not pixels): nothing
outside the figure, a y-range that follows the data with a far target as a labelled marker
at the edge, every target in its campaign's colour, the latest value written at each line's
end, partial weeks off the line and starred, and the money chart showing what ROI is over.
The numbers come from daily rows written here and summed by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from kpi.chart_data import TargetLine, spend_revenue_data, trend_data
from kpi.charts import PALETTE, cost_revenue_figure, trend_figure, y_range
from kpi.digest import CampaignInfo, weekly_from_daily

LAST = dt.date(2026, 11, 23)  # the newest week shown (a Monday); 8 weeks from 5 Oct
FIRST_DAY = dt.date(2026, 10, 11)  # a Sunday: the week of 5 Oct holds one day
LONG = "Brand Awareness Q4 Netherlands and Belgium — always-on"


def daily() -> pd.DataFrame:
    rows = []
    day = FIRST_DAY
    while day <= dt.date(2026, 11, 29):
        i = (day - FIRST_DAY).days
        rows.append({"day": day, "campaign": "sale", "reach": 1000.0, "likes": 30.0 + i % 3,
                     "clicks": 3.0, "spend": 40.0, "revenue": 100.0, "cost_tools": 0.0,
                     "cost_staff": 20.0 if day.weekday() == 2 else 0.0,
                     "staff_hours": 0.0})  # fmt: skip
        rows.append({"day": day, "campaign": "brand", "reach": 2000.0, "likes": 50.0,
                     "clicks": 6.0, "spend": 10.0, "revenue": 0.0, "cost_tools": 0.0,
                     "cost_staff": 0.0, "staff_hours": 0.0})  # fmt: skip
        day += dt.timedelta(days=1)
    return pd.DataFrame(rows)


INFOS = {"sale": CampaignInfo("sale", "Summer Sale"), "brand": CampaignInfo("brand", LONG)}


def drawn(fig: Figure) -> Figure:
    FigureCanvasAgg(fig).draw()
    return fig


def inside(fig: Figure, artist) -> bool:  # type: ignore[no-untyped-def]
    box = artist.get_window_extent(fig.canvas.get_renderer())
    whole = fig.bbox
    return (
        box.x0 >= whole.x0 - 0.5
        and box.x1 <= whole.x1 + 0.5
        and box.y0 >= -0.5
        and (box.y1 <= whole.y1 + 0.5)
    )


def every_text(fig: Figure) -> list:  # type: ignore[type-arg]
    found = [*fig.texts, *(t for legend in fig.legends for t in legend.get_texts())]
    for ax in fig.axes:
        found += [ax.title, ax.xaxis.label, *ax.texts, *ax.get_xticklabels()]
        found += [label for label in ax.get_yticklabels() if label.get_text()]
    return found


def trend(*targets: TargetLine):  # type: ignore[no-untyped-def]
    weekly = weekly_from_daily(daily())
    return trend_data(weekly, "engagement_rate", INFOS, until=LAST, targets=targets)


def test_nothing_is_cut_off_even_with_long_names_and_targets() -> None:
    data = trend(TargetLine(6.0, ">=", "sale", "Summer Sale"), TargetLine(2.5, ">=", "brand", LONG))
    for locale in ("en", "nl"):
        fig = drawn(trend_figure(data, locale, "EUR"))
        (legend,) = fig.legends
        assert inside(fig, legend), locale
        texts = every_text(fig)
        assert len(texts) > 20
        assert all(inside(fig, text) for text in texts), [
            text.get_text() for text in texts if not inside(fig, text)
        ]
        labels = [text.get_text() for text in legend.get_texts()]
        assert all(len(label) <= 60 for label in labels)


def test_y_range_follows_the_data_and_a_far_target_is_a_marker_at_the_edge() -> None:
    # ER of "sale": (likes + clicks) / reach; likes 30, 31, 32 by day -> 3.3 % .. 3.5 % a week
    data = trend(TargetLine(6.0, ">=", "sale", "Summer Sale"), TargetLine(2.5, ">=", "brand", LONG))
    fig = drawn(trend_figure(data, "en", "EUR"))
    ax = fig.axes[0]
    bottom, top = ax.get_ylim()
    brand = (50 + 6) / 2000 * 100  # 2.8 % every week
    sale_max = max(v for v in data.series[0].values if v is not None)
    assert top < 6.0  # not stretched up to the far target …
    assert bottom <= 2.5 <= top and bottom <= brand and sale_max <= top  # … the near one is in
    assert (top - bottom) < 2 * (sale_max - 2.5)  # the data fill most of the height
    markers = [line for line in ax.get_lines() if line.get_marker() == "^"]
    assert len(markers) == 1 and list(markers[0].get_ydata()) == [top]
    assert markers[0].get_color() == PALETTE[0]  # Summer Sale's colour
    assert "6.0 %" in [text.get_text() for text in ax.texts]
    legend = [text.get_text() for text in fig.legends[0].get_texts()]
    assert "Target Summer Sale ≥ 6.0 % ↑" in legend
    assert any("too far from the data" in text.get_text() for text in fig.texts)


def test_every_target_in_its_campaigns_colour() -> None:
    data = trend(TargetLine(3.0, ">="), TargetLine(2.5, ">=", "brand", LONG),
                 TargetLine(3.6, ">=", "sale", "Summer Sale"))  # fmt: skip
    fig = drawn(trend_figure(data, "en", "EUR"))
    ax = fig.axes[0]
    colour_of = {s.slug: PALETTE[i] for i, s in enumerate(data.series)}
    flat = {
        ys[0]: line.get_color()
        for line in ax.get_lines()
        if len(ys := list(line.get_ydata())) == 2 and ys[0] == ys[1]
    }
    assert flat == {3.0: "#000000", 2.5: colour_of["brand"], 3.6: colour_of["sale"]}
    assert len(set(flat.values())) == 3


def test_latest_value_written_at_each_line_end() -> None:
    data = trend()
    fig = drawn(trend_figure(data, "nl", "EUR"))
    texts = {text.get_text(): text.get_color() for text in fig.axes[0].texts}
    # week of 23 Nov: sale likes over 23-29 Nov (days 43..49 after 11 Oct: 43 % 3 = 1 -> 31,
    # 32, 30, 31, 32, 30, 31) + clicks 7 x 3, over reach 7 x 1000
    sale = (31 + 32 + 30 + 31 + 32 + 30 + 31 + 21) / 7000 * 100
    assert f"{sale:.1f} %".replace(".", ",") in texts
    assert (
        texts[f"{sale:.1f} %".replace(".", ",")]
        == PALETTE[[s.slug for s in data.series].index("sale")]
    )
    assert "2,8 %" in texts  # brand: 56 / 2000


def test_a_one_day_first_week_is_off_the_line_and_marked() -> None:
    data = trend()
    sale = next(s for s in data.series if s.slug == "sale")
    assert sale.days[0] == 1 and sale.partial(0) and not sale.partial(1)
    fig = drawn(trend_figure(data, "en", "EUR"))
    ax = fig.axes[0]
    solid = [line for line in ax.get_lines() if line.get_label() == "Summer Sale"][0]
    assert pd.isna(solid.get_ydata()[0])  # no line drawn into the one-day week
    hollow = [
        line
        for line in ax.get_lines()
        if line.get_color() == solid.get_color() and line.get_linestyle() == "None"
    ]
    assert len(hollow) == 1 and hollow[0].get_markerfacecolor() == "white"
    assert hollow[0].get_ydata()[0] == pytest.approx((30 + 3) / 1000 * 100)  # 11 Oct alone
    ticks = [label.get_text() for label in ax.get_xticklabels()]
    assert ticks[0] == "5 Oct*" and ticks[1] == "12 Oct"
    assert any("fewer than 7 days" in text.get_text() for text in fig.texts)


def test_money_chart_shows_total_cost_with_ad_spend_in_it_and_roi() -> None:
    weekly = weekly_from_daily(daily())
    data = spend_revenue_data(weekly, until=LAST)
    fig = drawn(cost_revenue_figure(data, "en", "EUR"))
    ax = fig.axes[0]
    # a full week: ad spend 7 x (40 + 10), staff 20 on the Wednesday, revenue 7 x 100
    spend, other, revenue = 7 * 50.0, 20.0, 700.0
    roi = (revenue - (spend + other)) / (spend + other) * 100
    bars = list(ax.patches)
    heights = [round(b.get_height(), 6) for b in bars]
    week = 8  # patches: 8 ad-spend bars, 8 other-cost bars, 8 revenue bars
    assert heights[week - 1] == spend and heights[2 * week - 1] == other
    assert heights[3 * week - 1] == revenue
    assert bars[2 * week - 1].get_y() == spend  # other costs stacked on the ad spend
    texts = [text.get_text() for text in ax.texts]
    assert f"ROI {roi:.1f} %" in texts
    assert "€370" in texts and "€700" in texts  # the latest week's amounts
    assert bars[0].get_alpha() < 1 and bars[1].get_alpha() in (None, 1.0)  # partial week pale
    assert ax.get_xticklabels()[0].get_text() == "5 Oct*"
    legend = [text.get_text() for text in fig.legends[0].get_texts()]
    assert legend == ["Ad spend", "Other costs (tools, staff, agency, content)", "Revenue"]
    assert inside(fig, fig.legends[0])
    assert all(inside(fig, text) for text in every_text(fig))
    assert "total cost" in ax.get_title()


def test_flat_data_keep_a_sane_scale_and_far_targets_stay_off_it() -> None:
    bottom, top, shown = y_range([1.02, 1.03, 1.04], [])
    assert top - bottom >= 0.1 * 1.04  # day-to-day noise is not blown up to full height
    bottom, top, shown = y_range([2.0, 2.4], [6.0, 2.2, 0.0])
    # 2.2 keeps the data at 0.4 / 0.4 of the height: on the scale; 6.0 would leave them
    # 0.4 / 4.0; 0.0 (after 2.2 joined) 0.4 / 2.4: both drawn at the edge instead
    assert shown == {2.2} and bottom < 2.0 and top < 6.0 and bottom > 0.0


def test_ten_campaigns_and_three_targets_still_fit_and_read() -> None:
    names = [f"Campaign with a rather long name number {c}" for c in range(10)]
    rows = [
        {"day": dt.date(2026, 9, 28) + dt.timedelta(days=d), "campaign": f"c{c}",
         "impressions": 4000.0 + 300 * c, "clicks": 40.0 + 3 * c + d % 4, "spend": 20.0 + c}
        for d in range(63)
        for c in range(10)
    ]  # fmt: skip
    weekly = weekly_from_daily(pd.DataFrame(rows))
    infos = {f"c{c}": CampaignInfo(f"c{c}", n) for c, n in enumerate(names)}
    targets = (TargetLine(1.5, ">="), TargetLine(1.3, ">=", "c9", names[9]),
               TargetLine(0.2, ">=", "c2", names[2]))  # fmt: skip
    data = trend_data(weekly, "ctr", infos, until=LAST, targets=targets)
    for locale in ("en", "nl"):
        fig = drawn(trend_figure(data, locale, "EUR"))
        assert inside(fig, fig.legends[0])
        assert all(inside(fig, text) for text in every_text(fig))
        ax = fig.axes[0]
        ticks = [label.get_text() for label in ax.get_yticklabels() if label.get_text()]
        assert len(ticks) == len(set(ticks))  # neighbouring ticks never read the same
        legend = [text.get_text() for text in fig.legends[0].get_texts()]
        assert sum(label.endswith(("↑", "↓")) for label in legend) == 3
        edge = [m for m in ax.get_lines() if len(m.get_xdata()) == 1]  # one marker each
        assert sorted(m.get_marker() for m in edge) == ["^", "^", "v"]
