"""Issue 9, findings 4 and 8: poisoned values and unhandled input. Every way in (`/kpi log`,
`/kpi cost`, settings, periods, target ids, imports) refuses what a column of either
database cannot hold, with a plain reply, no traceback in the log and nothing written — on
SQLite and on PostgreSQL alike; values just inside the bounds are stored on both."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from bot.dispatch import answer, make_ctx
from bot.imports.importing import run_import
from bot.services import Services
from bot.texts import t
from tests.bot.both_dbs import TODAY, services_on  # noqa: F401 (fixture)

TEAM = "T0BOUNDS"
NINES_30 = "9" * 30
NINES_400 = "9" * 400


def ask(services: Services, text: str):  # type: ignore[no-untyped-def]
    ctx = make_ctx(services, TEAM, user_id="U1", channel_id="C1")
    return answer(services, ctx, text)


def written(services: Services) -> tuple[int, int, str, str]:
    """Rows of metrics, rows of costs, the workspace's timezone and a digest of every
    stored number: what a refusal must leave as it was."""
    with services.engine.connect() as conn:
        metrics = conn.execute(sa.text("SELECT count(*) FROM daily_metrics")).scalar_one()
        costs = conn.execute(sa.text("SELECT count(*) FROM costs")).scalar_one()
        tz = conn.execute(sa.text("SELECT timezone FROM workspaces")).scalar_one()
        sums = conn.execute(
            sa.text("SELECT sum(clicks), sum(spend), min(day) FROM daily_metrics")
        ).one()
    return metrics, costs, tz, repr(tuple(sums))


def refused_plainly(reply, caplog: pytest.LogCaptureFixture) -> str:  # type: ignore[no-untyped-def]
    text = reply.text
    assert reply.ok is False
    assert t("error.internal", "en") not in text and "went wrong" not in text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    return text


@pytest.fixture
def seeded(services_on: Services) -> Services:  # noqa: F811 (the fixture)
    services_on.repo.ensure_campaign(TEAM, "campaign-x")
    reply = ask(services_on, "log campaign-x 2026-11-20 facebook clicks=40 spend=120,50")
    assert reply.ok, reply.text
    return services_on


@pytest.mark.parametrize(
    ("command", "says"),
    [
        # finding 4: stored on SQLite, then every reply crashed
        (f"log campaign-x 2026-11-21 spend={NINES_30}", f"at most {10**14 - 1:,}"),
        ("log campaign-x 2026-11-21 spend=1000000000000000000000000000000", "at most"),
        ("log campaign-x 2026-11-21 spend=100000000000000", f"at most {10**14 - 1:,}"),
        ("log campaign-x 2026-11-21 clicks=9223372036854775808", f"at most {2**63 - 1:,}"),
        ("log campaign-x 0001-01-01 clicks=5", "outside the dates kpibot keeps"),
        ("log campaign-x 1999-12-31 clicks=5", "outside the dates kpibot keeps"),
        (f"cost campaign-x 1h@{NINES_400} staff", "not infinity"),
        (f"cost campaign-x {NINES_30} tools", f"at most {10**14 - 1:,}"),
        ("cost campaign-x 50 tools 1999-01-01", "outside the dates kpibot keeps"),
        (f"cost campaign-x 50 tools {'n' * 501}", "at most 500"),
        (f"log {'a' * 300} clicks=1", "300 characters long; at most 200"),
        (f"log campaign-x facebook{'a' * 23} clicks=1", "31 characters long; at most 30"),
        ("log campaign-x clicks=1 \x00", "control character"),
        ("roi campaign\x00-x", "control character"),
        # finding 8: each was "something went wrong" with a traceback
        ("reach campaign-x 0000-q1", "outside the dates kpibot keeps"),
        ("reach campaign-x 9999-q4", "outside the dates kpibot keeps"),
        ("reach campaign-x since 0001-01-01", "outside the dates kpibot keeps"),
        ("target delete 99999999999999999999", "no target #99999999999999999999"),
        ("settings timezone Europe", "not a timezone"),
        (f"settings timezone {'a' * 300}", "300 characters long; at most 64"),
        ("settings timezone Europe/\x00Amsterdam", "control character"),
        ("digest weekly monday 09:00 Europe", "Europe"),
        ("campaign budget campaign-x 5000 0001-01-01 2026-12-31", "0001-01-01"),
        (f"digest weekly monday 09:00 {'a' * 300}", "aaaa"),
    ],
)
def test_out_of_bounds_is_refused_plainly_and_nothing_changes(
    seeded: Services, caplog: pytest.LogCaptureFixture, command: str, says: str
) -> None:
    before = written(seeded)
    caplog.clear()
    text = refused_plainly(ask(seeded, command), caplog)
    assert says in text
    assert "∞" not in text
    assert written(seeded) == before
    # and the campaign still answers, with the numbers it had
    after = ask(seeded, "spend campaign-x")
    assert after.ok, after.text
    assert "120.50" in after.text


def test_refusals_read_in_dutch(seeded: Services, caplog: pytest.LogCaptureFixture) -> None:
    assert ask(seeded, "settings taal nl").ok
    caplog.clear()
    text = refused_plainly(ask(seeded, f"log campaign-x 2026-11-21 spend={NINES_30}"), caplog)
    assert f"hoogstens {10**14 - 1:,}".replace(",", ".") in text
    text = refused_plainly(ask(seeded, "reach campaign-x 0000-q1"), caplog)
    assert "valt buiten de datums die kpibot bewaart" in text


@pytest.mark.parametrize(
    "command",
    [
        "log campaign-x 2000-01-01 clicks=1",  # the first day kept
        f"log campaign-x {TODAY.isoformat()} clicks=1",
        "log campaign-x 2026-11-22 spend=99999999999999",  # the most NUMERIC(18,4) holds
        "log campaign-x 2026-11-23 clicks=1000000000000000000",
        f"log campaign-x 2026-11-24 {'p' * 30} clicks=1",  # the platform column's length
        "cost campaign-x 99999999999999 agency",
        "reach campaign-x 2000-q1",
        "reach campaign-x since 2000-01-01",
        "settings timezone America/Argentina/Buenos_Aires",
    ],
)
def test_values_just_inside_the_bounds_are_stored_on_both_databases(
    seeded: Services, caplog: pytest.LogCaptureFixture, command: str
) -> None:
    reply = ask(seeded, command)
    assert reply.ok, reply.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_largest_money_is_read_back_exactly(seeded: Services) -> None:
    assert ask(seeded, "log campaign-x 2026-11-22 spend=99999999999999").ok
    with seeded.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT sum(spend) FROM daily_metrics")).scalar_one()
    assert float(stored) == 99999999999999 + 120.5
    reply = ask(seeded, "spend campaign-x")
    assert reply.ok and "100,000,000,000,119.50" in reply.text


def test_a_day_stored_before_the_bounds_no_longer_breaks_replies(
    seeded: Services, caplog: pytest.LogCaptureFixture
) -> None:
    """A database poisoned by an earlier version (a row dated 0001-01-01) still answers
    every query without a period."""
    with seeded.engine.begin() as conn:
        campaign = conn.execute(sa.text("SELECT id FROM campaigns")).scalar_one()
        conn.execute(
            sa.text(
                "INSERT INTO daily_metrics (campaign_id, day, platform, clicks) "
                "VALUES (:c, :d, 'facebook', 7)"
            ),
            {"c": campaign, "d": "0001-01-01"},
        )
    caplog.clear()
    for command in ("clicks campaign-x", "report campaign-x", "roi all"):
        reply = ask(seeded, command)
        assert reply.ok, reply.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# -- imports -----------------------------------------------------------------------------

HEADER = "date,campaign,platform,clicks,spend\n"


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return (header + "".join(line + "\n" for line in lines)).encode()


IMPORTS = [
    ("header only", csv_bytes(), 2, "header but no rows"),
    ("count 2^63", csv_bytes("2026-11-02,camp,facebook,9223372036854775808,1"), 2, "at most"),
    ("count 10^23", csv_bytes("2026-11-02,camp,facebook,1" + "0" * 23 + ",1"), 2, "at most"),
    ("spend 1e30", csv_bytes("2026-11-02,camp,facebook,1,1e30"), 2, "at most"),
    ("day 0001", csv_bytes("2026-11-02,camp,facebook,1,1", "0001-01-01,camp,facebook,1,1"), 3,
     "outside the dates"),
    ("future day", csv_bytes("2026-12-01,camp,facebook,1,1"), 2, "after today"),
    ("long name", csv_bytes("2026-11-02,camp,facebook,1,1", f"2026-11-03,{'n' * 300},x,1,1"),
     3, "at most"),
    ("long platform", csv_bytes(f"2026-11-02,camp,{'p' * 31},1,1"), 2, "at most 30"),
    ("NUL", csv_bytes("2026-11-02,ca\x00mp,facebook,1,1"), 2, "control character"),
    ("100,000 cells", csv_bytes("2026-11-02,camp,facebook,1,1" + "," * 100_000), 2, "bytes"),
    ("20 MB line", csv_bytes("2026-11-02," + "a" * 20_000_000 + ",facebook,1,1"), 2, "bytes"),
    ("5,000 cells", csv_bytes("2026-11-02,camp,facebook,1,1" + ",7" * 5_000), 2, "5005 cells"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "line", "says"), [i[1:] for i in IMPORTS], ids=[i[0] for i in IMPORTS]
)
def test_imports_refuse_what_no_column_holds(
    seeded: Services, caplog: pytest.LogCaptureFixture, data: bytes, line: int, says: str
) -> None:
    before = written(seeded)
    caplog.clear()
    outcome = run_import(seeded, TEAM, data)
    assert not outcome.ok and outcome.stats is None
    problem = outcome.parsed.problems[0]
    assert problem.line == line
    assert says in t(problem.reason_key, "en", **dict(problem.args))
    assert written(seeded) == before
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_an_import_just_inside_the_bounds_is_stored(seeded: Services) -> None:
    data = csv_bytes(
        f"2000-01-01,{'c' * 100},{'p' * 30},{10**15},99999999999999",
        f"{TODAY.isoformat()},camp,facebook,1,0.5",
    )
    outcome = run_import(seeded, TEAM, data)
    assert outcome.ok, outcome.parsed.problems
    with seeded.engine.connect() as conn:
        clicks = conn.execute(sa.text("SELECT sum(clicks) FROM daily_metrics")).scalar_one()
    assert int(clicks) == 10**15 + 1 + 40
