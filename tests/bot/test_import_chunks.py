"""A canonical CSV imported chunk by chunk (tiny chunks here, so every file spans several):
the stored rows and the summary buckets equal the sums worked out by hand, an overwritten
row gives up its old numbers, and a bad or repeated line in a late chunk refuses the whole
file and leaves the database exactly as it was."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from bot.imports.importing import run_import
from bot.services import Services
from storage.exports.problems import RowProblem
from tests.bot.both_dbs import services_on  # noqa: F401  # a fixture

TEAM = "TCHUNKS01"
HEADER = "date,campaign,platform,clicks,spend\n"

# 2026-11-02 is a Monday; 2026-10-30 a Friday in the week from 2026-10-26.
FIRST = [
    "2026-11-02,Alpha,facebook,10,1.50",
    "2026-11-03,Alpha,facebook,20,2.25",
    "2026-11-09,Alpha,facebook,5,0.50",
    "2026-11-02,Beta,instagram,7,3.00",
    "2026-10-30,Beta,instagram,1,1.00",
    "2026-11-03,Alpha,instagram,4,",
    "2026-11-04,Beta,instagram,2,0.25",
]


def _csv(lines: list[str]) -> bytes:
    return (HEADER + "".join(f"{line}\n" for line in lines)).encode()


def _summaries(services: Services) -> dict[tuple[str, str, str, str], tuple[Any, ...]]:
    """(campaign, grain, bucket, platform) -> (rows, clicks, spend) as stored."""
    query = sa.text(
        "SELECT c.slug, s.grain, s.bucket, s.platform, s.rows, s.clicks, s.spend "
        "FROM metric_summaries s JOIN campaigns c ON c.id = s.campaign_id"
    )
    with services.engine.connect() as conn:
        return {
            (slug, grain, str(bucket)[:10], platform): (
                rows, clicks, None if spend is None else round(float(spend), 4)
            )
            for slug, grain, bucket, platform, rows, clicks, spend in conn.execute(query)
        }  # fmt: skip


def _everything(services: Services) -> tuple[list[Any], ...]:
    with services.engine.connect() as conn:
        return tuple(
            sorted(tuple(str(v) for v in row) for row in conn.execute(sa.text(query)))
            for query in (
                "SELECT * FROM daily_metrics",
                "SELECT * FROM metric_summaries",
                "SELECT id, slug, name, currency, last_import_at FROM campaigns",
            )
        )


def test_a_file_read_in_chunks_is_summed_as_worked_out_by_hand(
    services_on: Services,  # noqa: F811
) -> None:
    first = run_import(services_on, TEAM, _csv(FIRST), chunk_rows=2)
    assert first.ok, first.parsed.problems
    assert first.stats is not None
    assert (first.stats.inserted, first.stats.updated) == (7, 0)
    assert first.parsed.row_count == 7
    assert first.stats.campaigns == ("alpha", "beta")
    assert _summaries(services_on) == {
        ("alpha", "w", "2026-11-02", "facebook"): (2, 30, 3.75),
        ("alpha", "w", "2026-11-09", "facebook"): (1, 5, 0.5),
        ("alpha", "m", "2026-11-01", "facebook"): (3, 35, 4.25),
        ("alpha", "w", "2026-11-02", "instagram"): (1, 4, None),
        ("alpha", "m", "2026-11-01", "instagram"): (1, 4, None),
        ("beta", "w", "2026-11-02", "instagram"): (2, 9, 3.25),
        ("beta", "w", "2026-10-26", "instagram"): (1, 1, 1.0),
        ("beta", "m", "2026-11-01", "instagram"): (2, 9, 3.25),
        ("beta", "m", "2026-10-01", "instagram"): (1, 1, 1.0),
        # The year 2026: each campaign and platform's rows of both months together.
        ("alpha", "y", "2026-01-01", "facebook"): (3, 35, 4.25),
        ("alpha", "y", "2026-01-01", "instagram"): (1, 4, None),
        ("beta", "y", "2026-01-01", "instagram"): (3, 10, 4.25),
    }

    # Overwrites in two chunks: 20/2.25 becomes 12/2.00, an empty cell keeps what is stored.
    second = run_import(
        services_on,
        TEAM,
        _csv([
            "2026-11-03,Alpha,facebook,12,2.00",
            "2026-11-10,Alpha,facebook,1,1.00",
            "2026-11-04,Beta,instagram,,0.75",
        ]),
        chunk_rows=2,
    )  # fmt: skip
    assert second.ok and second.stats is not None
    assert (second.stats.inserted, second.stats.updated) == (1, 2)
    after = _summaries(services_on)
    assert after[("alpha", "w", "2026-11-02", "facebook")] == (2, 22, 3.5)
    assert after[("alpha", "w", "2026-11-09", "facebook")] == (2, 6, 1.5)
    assert after[("alpha", "m", "2026-11-01", "facebook")] == (4, 28, 5.0)
    assert after[("beta", "m", "2026-11-01", "instagram")] == (2, 9, 3.75)
    assert after[("beta", "m", "2026-10-01", "instagram")] == (1, 1, 1.0)
    assert after[("alpha", "y", "2026-01-01", "facebook")] == (4, 28, 5.0)
    assert after[("beta", "y", "2026-01-01", "instagram")] == (3, 10, 4.75)


def _refused_leaving_all_as_it_was(services: Services, lines: list[str]) -> RowProblem:
    """Import FIRST, then `lines` in chunks of two: refused, the database as before; the
    refusal's one problem."""
    assert run_import(services, TEAM, _csv(FIRST), chunk_rows=2).ok
    before = _everything(services)
    refused = run_import(services, TEAM, _csv(lines), chunk_rows=2)
    assert not refused.ok and refused.stats is None
    assert _everything(services) == before
    [problem] = refused.parsed.problems
    return problem


def test_a_bad_line_in_a_late_chunk_refuses_the_file_and_changes_nothing(
    services_on: Services,  # noqa: F811
) -> None:
    # The first two chunks are written (a new campaign, an overwrite) before line 6 is read.
    problem = _refused_leaving_all_as_it_was(services_on, [
        "2026-11-05,Gamma,facebook,3,1.00",
        "2026-11-03,Alpha,facebook,99,9.99",
        "2026-11-06,Gamma,facebook,3,1.00",
        "2026-11-07,Gamma,facebook,3,1.00",
        "2026-11-08,Gamma,facebook,three,1.00",
    ])  # fmt: skip
    assert (problem.line, problem.column) == (6, "clicks")
    assert problem.reason_key == "import.error.number"
    assert problem.args["value"] == "three"


def test_a_line_repeated_in_another_chunk_is_refused_naming_the_first(
    services_on: Services,  # noqa: F811
) -> None:
    problem = _refused_leaving_all_as_it_was(services_on, [
        "2026-11-05,Gamma,facebook,3,1.00",
        "2026-11-06,Gamma,facebook,3,1.00",
        "2026-11-05, gamma ,Facebook,4,1.00",
    ])  # fmt: skip
    assert (problem.line, problem.reason_key) == (4, "import.error.duplicate")
    assert dict(problem.args) == {
        "first": "2", "campaign": "gamma", "day": "2026-11-05", "platform": "facebook"
    }  # fmt: skip
