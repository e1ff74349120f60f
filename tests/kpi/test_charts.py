"""Charts: PNG for Slack's preview, Figure API without pyplot, locale on the axes, target
line, top campaigns with an "others" note, alt text in words."""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from kpi.chart_data import (
    MAX_LINES,
    SpendRevenueData,
    TrendData,
    alt_text,
    spend_revenue_data,
    trend_data,
)
from kpi.charts import (
    PALETTE,
    Chart,
    axis_formatter,
    cost_revenue_figure,
    digest_charts,
    kpi_trend_chart,
    spend_revenue_chart,
    trend_figure,
    trend_kpi,
)
from kpi.digest import CampaignInfo, TargetInfo, build_digest
from kpi.periods import Period

LAST = dt.date(2026, 11, 23)
WEEKS = [LAST - dt.timedelta(weeks=w) for w in range(9)]  # 9 weeks: the 9th is not shown


def weekly(campaigns: int = 2) -> pd.DataFrame:
    rows = [
        {
            "campaign": f"c{c}",
            "week_start": week,
            "reach": 1000.0,
            "likes": 10.0 * (c + 1) + i,
            "impressions": 4000.0,
            "clicks": 40.0,
            "spend": 100.0 * (c + 1),
            "revenue": 250.0 * (c + 1),
        }
        for c in range(campaigns)
        for i, week in enumerate(reversed(WEEKS))
    ]
    return pd.DataFrame(rows)


def infos(n: int) -> dict[str, CampaignInfo]:
    return {f"c{c}": CampaignInfo(f"c{c}", f"Campaign {c}") for c in range(n)}


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def test_trend_png_sized_for_slack() -> None:
    png = kpi_trend_chart(weekly(), "engagement_rate", infos(2), 3.0, locale="en", currency="EUR")
    assert png_size(png) == (1200, 675)


def test_spend_revenue_png_sized_for_slack() -> None:
    png = spend_revenue_chart(weekly(), locale="nl", currency="EUR")
    assert png_size(png) == (1200, 675)


def test_charts_never_load_pyplot() -> None:
    code = textwrap.dedent(
        """
        import sys
        import pandas as pd, datetime as dt
        from kpi.charts import kpi_trend_chart, spend_revenue_chart
        from kpi.digest import CampaignInfo
        frame = pd.DataFrame([{"campaign": "a", "week_start": dt.date(2026, 11, 23),
                               "reach": 10.0, "likes": 1.0, "spend": 5.0, "revenue": 9.0}])
        kpi_trend_chart(frame, "engagement_rate", {"a": CampaignInfo("a", "A")},
                        locale="en", currency="EUR")
        spend_revenue_chart(frame, locale="en", currency="EUR")
        print("matplotlib.pyplot" in sys.modules, "matplotlib" in sys.modules)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["False", "True"]


@pytest.mark.parametrize(
    ("unit", "locale", "value", "text"),
    [
        ("percent", "nl", 3.1, "3,1 %"),
        ("percent", "en", 3.1, "3.1 %"),
        ("currency", "nl", 1234.4, "€ 1.234"),
        ("currency", "en", 1234.4, "€1,234"),
        ("count", "nl", 12000, "12.000"),
        ("ratio", "nl", 2.5, "2,5"),
    ],
)
def test_axis_numbers_in_the_locale(unit: str, locale: str, value: float, text: str) -> None:
    assert axis_formatter(unit, locale, "EUR")(value, 0) == text


def test_tick_labels_and_target_line_in_dutch() -> None:
    data = trend_data(weekly(), "engagement_rate", infos(2), target_value=3.0)
    fig = trend_figure(data, "nl", "EUR")
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    y_labels = [label.get_text() for label in ax.get_yticklabels() if label.get_text()]
    assert y_labels and all(label.endswith(" %") for label in y_labels)
    assert any("," in label for label in y_labels)  # decimal comma
    x_labels = [label.get_text() for label in ax.get_xticklabels()]
    assert x_labels[0] == "5 okt." and x_labels[-1] == "23 nov."
    legend = fig.legends[0]
    assert "Doel ≥ 3,0 %" in [text.get_text() for text in legend.get_texts()]
    dashed = [line for line in ax.get_lines() if list(line.get_ydata()) == [3.0, 3.0]]
    assert len(dashed) == 1 and dashed[0].get_color() == "#000000"  # a target for all: black
    assert ax.get_title() == "Engagementratio per week · laatste 8 weken"


def test_trend_values_are_ratios_of_each_weeks_sums() -> None:
    data = trend_data(weekly(), "engagement_rate", infos(2), until=LAST)
    assert data.weeks == tuple(reversed(WEEKS[:8]))
    # campaign c1: engagements = likes (20 + i) + clicks 40 over reach 1000; i = 1..8 shown
    c1 = next(s for s in data.series if s.slug == "c1")
    assert c1.values == pytest.approx([(20 + i + 40) / 1000 * 100 for i in range(1, 9)])
    assert [s.slug for s in data.series] == ["c1", "c0"]  # more ad spend first


def test_many_campaigns_one_chart_top_by_spend_and_a_note() -> None:
    data = trend_data(weekly(20), "ctr", infos(20))
    assert len(data.series) == MAX_LINES and data.hidden == 12
    assert [s.slug for s in data.series] == [f"c{c}" for c in range(19, 11, -1)]
    fig = trend_figure(data, "en", "EUR")
    notes = [text.get_text() for text in fig.texts]
    assert notes == ["+ 12 more campaigns not shown"]
    lines = fig.axes[0].get_lines()
    assert len({line.get_color() for line in lines}) == MAX_LINES
    assert {line.get_color() for line in lines} <= set(PALETTE)
    assert len({(line.get_marker(), line.get_linestyle()) for line in lines}) == MAX_LINES


def test_spend_revenue_sums_per_week() -> None:
    data = spend_revenue_data(weekly(2), until=LAST)
    assert data.spend == (300.0,) * 8 and data.revenue == (750.0,) * 8
    only_c0 = spend_revenue_data(weekly(2), ["c0"], until=LAST, weeks=2)
    assert only_c0.spend == (100.0, 100.0) and only_c0.weeks == (WEEKS[1], LAST)


def test_alt_text_in_words() -> None:
    data = trend_data(weekly(), "engagement_rate", infos(2), target_value=3.0)
    assert alt_text(data, "en", "EUR") == (
        "Line chart of Engagement rate per week, weeks starting 5 Oct to 23 Nov, 2 campaigns. "
        "Campaign 1: from 6.1 % to 6.8 %. Campaign 0: from 5.1 % to 5.8 %. Target ≥ 3.0 %."
    )
    money = spend_revenue_data(weekly(2), until=LAST, weeks=2)
    assert alt_text(money, "nl", "EUR") == (
        "Staafgrafiek van totale kosten (advertentie-uitgaven en overige kosten) en omzet per "
        "week, weken vanaf 16 nov. tot en met 23 nov. Vorige week: totale kosten € 300,00, "
        "waarvan advertentie-uitgaven € 300,00; omzet € 750,00; ROI 150,0 %. Alle getoonde "
        "weken: totale kosten € 600,00, waarvan advertentie-uitgaven € 600,00; omzet "
        "€ 1.500,00."
    )


def test_empty_chart_still_draws() -> None:
    data = TrendData("ctr", (LAST,), ())
    fig = trend_figure(data, "en", "EUR")
    assert [t.get_text() for t in fig.axes[0].texts] == ["No data in these weeks"]


def test_digest_charts_pick_the_target_kpi() -> None:
    week = Period(LAST, LAST + dt.timedelta(days=6), "week")
    target = TargetInfo("ctr", ">=", 1.5, "ok", campaign="c0")
    digest = build_digest(
        weekly(2), campaigns=infos(2), week=week, targets=[target], locale="en", currency="EUR"
    )
    assert trend_kpi(digest) == ("ctr", target)
    charts = digest_charts(weekly(2), digest, infos(2))
    assert [type(c) for c in charts] == [Chart, Chart]
    assert [c.filename for c in charts] == [
        "trend-ctr-2026-11-23.png",
        "cost-revenue-2026-11-23.png",
    ]
    assert all(png_size(c.png) == (1200, 675) for c in charts)
    assert "Target Campaign 0 ≥ 1.5 %." in charts[0].alt_text
    assert charts[1].title == "Cost and revenue per week · ROI is over the total cost"
    no_targets = build_digest(weekly(2), campaigns=infos(2), week=week, locale="en", currency="EUR")
    assert trend_kpi(no_targets) == ("roi", None)


def test_the_cost_legend_names_other_costs_only_when_there_are_some() -> None:
    weeks = (dt.date(2026, 11, 16), dt.date(2026, 11, 23))
    # ad spend only: total cost = ad spend, so no "other costs" layer or legend entry
    bare = SpendRevenueData(weeks, spend=(100.0, 120.0), revenue=(300.0, 360.0))
    fig = cost_revenue_figure(bare, "en", "EUR")
    assert [x.get_text() for x in fig.legends[0].get_texts()] == ["Ad spend", "Revenue"]
    # week 2 costs 150 in all: 120 ad spend + 30 other costs
    costs = SpendRevenueData(weeks, (100.0, 120.0), (300.0, 360.0), cost=(100.0, 150.0))
    fig = cost_revenue_figure(costs, "en", "EUR")
    labels = [x.get_text() for x in fig.legends[0].get_texts()]
    assert labels == ["Ad spend", "Other costs (tools, staff, agency, content)", "Revenue"]
