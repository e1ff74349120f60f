"""A competitor CSV read by hand-checked lines: English and Dutch Excel files, refusals
with every problem by line, all or nothing; a campaign export is not taken for one."""

from __future__ import annotations

import datetime as dt

from bot.competitors.parse import platform_of
from storage.competitors.csv_file import read, recognise
from storage.competitors.records import NewObservation

TODAY = dt.date(2026, 11, 30)


def test_a_dutch_excel_file_with_decimal_commas_and_day_first_dates() -> None:
    data = (
        b"concurrent;platform;datum;volgers;engagement;berichten;dagen\n"
        b"Bakkerij Jansen;Instagram;17-11-2026;12.000;2,9%;4;\n"
        b"Bakkerij Jansen;instagram;24-11-2026;12.400;3,1 %;5;30\n"
    )
    assert recognise(data)
    got = read(data, TODAY, platform_of)
    assert got.problems == []
    assert got.rows == [
        NewObservation(
            "Bakkerij Jansen", "instagram", dt.date(2026, 11, 17), 12000, 2.9, 4, None, 2
        ),
        NewObservation("Bakkerij Jansen", "instagram", dt.date(2026, 11, 24), 12400, 3.1, 5, 30, 3),
    ]


def test_every_problem_by_line_and_nothing_kept() -> None:
    data = (
        b"competitor,platform,date,followers,engagement,posts\n"
        b"Acme,linkedin,2026-11-24,1200,3.1,5\n"  # fine, but the file is refused whole
        b"Acme,linkedn,2026-11-24,1.5,abc,\n"
        b"Acme,linkedin,2026-12-25,,,\n"
        b"Acme,linkedin,2026-11-24,1,,\n"  # the same competitor, platform and day again
    )
    got = read(data, TODAY, platform_of)
    assert got.rows == []
    assert [(p.line, p.column, p.reason_key) for p in got.problems] == [
        (3, "platform", "competitor.csv.platform"),
        (3, "followers", "competitor.csv.followers"),
        (3, "engagement", "competitor.csv.engagement"),
        (4, "date", "competitor.csv.date"),
        (4, None, "competitor.csv.nothing"),
        (5, None, "competitor.csv.twice"),
    ]
    assert got.problem_count == 6


def test_a_campaign_export_is_not_a_competitor_file() -> None:
    assert not recognise(b"date,campaign,platform,impressions,clicks\n2026-11-01,x,meta,1,1\n")
    assert not recognise(b"\xff\xfe\x00garbage")
