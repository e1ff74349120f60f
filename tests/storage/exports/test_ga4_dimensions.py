"""GA4 traffic acquisition by channel group and by source / medium: each value a campaign on
platform web, comment lines padded with commas, rows after the table ignored. Values below
are the fixture's cells, added by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from storage.exports import parse_file

DATA = Path(__file__).parents[2] / "data" / "exports"


def test_channel_group_values_become_campaigns_over_the_report_period() -> None:
    data = (DATA / "ga4_channel_group_padded.csv").read_bytes()
    result = parse_file(data, as_of=dt.date(2026, 1, 1))
    assert result.problems == [] and result.format == "ga4"
    assert result.dimension == "Session default channel group"
    assert [r.campaign_name for r in result.rows] == [
        "Organic Search",
        "Direct",
        "Paid Search",
        "Organic Social",
        "Unassigned",
    ]
    for row in result.rows:  # `# Start date: 20230625,,,,` read despite the padding
        assert (row.day, row.day_end, row.platform) == (
            dt.date(2023, 6, 25),
            dt.date(2023, 7, 22),
            "web",
        )
    assert all("clicks" not in r.counters for r in result.rows)
    assert sum(r.counters["sessions"] for r in result.rows) == 6848 + 3977 + 2415 + 1011 + 61
    conversions = sum(r.counters["conversions"] for r in result.rows)
    assert conversions == 212 + 131 + 96.5 + 7 + 0
    assert result.skipped == {"comment": 2}  # the second table after the blank line


def test_source_medium_keeps_direct_none_as_a_campaign() -> None:
    result = parse_file((DATA / "ga4_source_medium.csv").read_bytes())
    assert result.problems == [] and result.dimension == "Session source / medium"
    by = {r.campaign_name: r.counters for r in result.rows}
    assert set(by) == {
        "google / organic",
        "(direct) / (none)",
        "google / cpc",
        "newsletter / email",
    }
    assert by["(direct) / (none)"]["sessions"] == 3977
    assert round(sum(c["revenue"] for c in by.values()), 2) == round(
        17900.00 + 11220.75 + 8032.00 + 1710.40, 2
    )


def test_session_campaign_is_still_the_campaign_when_both_are_there() -> None:
    data = (
        b"# Start date: 20261101\n# End date: 20261130\n"
        b"Session campaign,Session source / medium,Sessions,Key events\n"
        b"zomer,google / cpc,10,1\nzomer,facebook / paid,5,0\n(not set),google / organic,50,2\n"
    )
    result = parse_file(data)
    assert result.dimension == "" and result.skipped == {"not_campaign": 1}
    (row,) = result.rows
    assert row.counters == {"sessions": 15, "conversions": 1}
