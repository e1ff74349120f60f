"""From the table to checked rows: skips, refusals with line numbers, then the rows.

Per-row work is column-wise: each text column arrives factorised (categorical), so a date,
campaign name or platform is parsed, slugified or normalised once per distinct value (a
million-row export has a few hundred dates and a thousand campaigns) and spread back with
numpy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from kpi.counters import MONEY_COUNTERS
from storage.campaigns.naming import slugify
from storage.exports.dates import iso_dates
from storage.exports.duplicates import refuse_duplicates, row_key
from storage.exports.number_checks import check_numbers
from storage.exports.output import counters_of, rows_of
from storage.exports.period import Period
from storage.exports.platforms import placement_platform, platform_word
from storage.exports.problems import Problems
from storage.exports.result import ParseResult
from storage.exports.rowkinds import row_kinds
from storage.exports.sources import shown_fields, sources
from storage.exports.spec import Column, Header
from storage.exports.table import TEXT_FIELDS, Table
from storage.exports.text_column import TextColumn

#: Columns whose rows are summed per campaign, day and platform, as the report names them.
BREAKDOWNS = {"ad": "ad", "ad_set": "ad_set", "placement": "placement", "breakdown": "breakdown"}


def build(
    table: Table,
    header: Header,
    *,
    default_platform: str | None,
    period: Period | None,
    as_of: dt.date | None = None,
) -> ParseResult:
    """Every row checked (all problems collected), then the rows, or nothing when any
    problem was found. Days after `as_of` (today) are refused."""
    spec, frame, problems = header.spec, table.frame, Problems()
    fields = header.fields
    lines = frame.index
    text = {f: TextColumn(frame[f]) for f in TEXT_FIELDS if f in frame}
    numbers = {f: frame[f].to_numpy(dtype="float64") for f in fields if f not in TEXT_FIELDS}
    first = text.get(table.first)  # None when the first column holds numbers

    # -- rows that are not data ---------------------------------------------------------
    campaign = text["campaign"]
    kinds = row_kinds(text, numbers, first, header, spec.blank_campaign_is_total)
    ok, skipped = kinds.ok, kinds.skipped
    if table.comment_lines:
        skipped["comment"] = table.comment_lines
    if not ok.any() and not any(bad.any() for bad in table.bad_numbers.values()):
        line = kinds.no_data_line or header.line + 2
        problems.add(line, None, "import.error.no_data")

    def rows_where(mask: np.ndarray) -> pd.Series:
        return pd.Series(mask, index=lines)

    # -- numbers ------------------------------------------------------------------------
    check_numbers(table, fields, numbers, ok, spec.fractional, problems)

    # -- dates --------------------------------------------------------------------------
    if "date" in text:
        day = _dates(text["date"], ok, fields["date"], spec.month_first, problems, lines)
        end = day
        if "date_end" in text:
            column = fields["date_end"]
            end = _dates(text["date_end"], ok, column, spec.month_first, problems, lines, True)
            end = np.where(end == "", day, end)  # no end date: one day
            backwards = ok & (day != "") & (end < day)
            problems.where(
                rows_where(backwards),
                column.header,
                "import.error.date_order",
                lambda line: {
                    "start": str(day[_pos(lines, line)]),
                    "end": str(end[_pos(lines, line)]),
                },
            )
    elif period is not None and period.dated:  # no Day column: totals over the report period
        day = np.full(len(frame), period.start, dtype=object)
        end = np.full(len(frame), period.end, dtype=object)
    else:
        _undated(header, period, problems)
        day = end = np.full(len(frame), "", dtype=object)

    if as_of is not None:
        today = as_of.isoformat()
        problems.where(
            rows_where(ok & (day > today)),
            fields["date"].header if "date" in fields else None,
            "import.error.future",
            lambda line: {"date": str(day[_pos(lines, line)]), "today": today},
        )

    # -- campaigns, platforms, currency -------------------------------------------------
    slugs = campaign.each(slugify)
    head = fields["campaign"].header
    problems.where(
        rows_where(ok & (slugs == "")), head, "import.error.empty", lambda _: {"column": head}
    )
    fallback = (default_platform or spec.platform or "").strip().lower() or "other"
    platform = np.full(len(frame), fallback, dtype=object)
    if "placement" in text:
        placed = text["placement"].each(placement_platform)
        platform = np.where(placed != "", placed, platform)
    if "platform" in text:
        named = text["platform"].each(platform_word)
        platform = np.where(named != "", named, platform)
    currency = _currency(header, text, ok, problems)

    split = [b for b in BREAKDOWNS if b in text]
    key = _row_key(slugs, day, platform, [text[b] for b in split])
    dated = ok & (day != "")
    _duplicates(pd.Series(key, index=lines)[dated], lines, slugs, day, platform, problems)

    recognised = shown_fields(fields)
    ignored = list(header.ignored)
    if problems.count:
        return ParseResult(
            spec.name, [], recognised, ignored, skipped, currency,
            problems=problems.result(), problem_count=problems.count,
        )  # fmt: skip
    shown = text.get("campaign_name", campaign)
    # A line break typed into a name (Meta allows it) is a space in a one-line name.
    names = shown.each(lambda v: " ".join(v.split()))
    counters = counters_of(numbers, text.get("indicator"))
    rows, periods = rows_of(
        lines, ok, slugs, names, day, end, platform, counters,
        summed=bool(split), currency=currency,
    )  # fmt: skip
    return ParseResult(
        spec.name, rows, recognised, ignored, skipped, currency, period_totals=periods,
        summed_rows=int(ok.sum()) if split else 0, summed_level=split[0] if split else "",
        sources=sources(fields, counters), dimension=header.dimension,
    )  # fmt: skip


def _undated(header: Header, period: Period | None, problems: Problems) -> None:
    """No Day column and no period to place the rows on: refused, saying what to export."""
    if header.spec.name == "google_ads":
        key = "import.error.google_ads_all_time" if period else "import.error.google_ads_no_range"
        problems.add(header.line + 1, None, key, period=period.title if period else "")
        return
    problems.add(
        header.line + 1, None, "import.error.export_missing", format=header.spec.name,
        columns="Date",
    )  # fmt: skip


def _dates(
    column: TextColumn,
    ok: np.ndarray,
    where: Column,
    month_first: bool,
    problems: Problems,
    lines: pd.Index,
    optional: bool = False,
) -> np.ndarray:
    """ISO dates per row ("" where empty); unreadable ones (and empty required ones) refused."""
    found = iso_dates(column.values, month_first=month_first)
    values = column.each(lambda v: found.get(v) or "")
    empty = column.empty()
    problems.where(
        pd.Series(ok & (values == "") & ~empty, index=lines),
        where.header,
        "import.error.date",
        lambda line: {"value": column.at(_pos(lines, line))},
    )
    if not optional:
        problems.where(
            pd.Series(ok & empty, index=lines),
            where.header,
            "import.error.empty",
            lambda _: {"column": where.header},
        )
    return values


def _currency(
    header: Header, text: Mapping[str, TextColumn], ok: np.ndarray, problems: Problems
) -> str | None:
    """The currency in a money header (`Amount spent (EUR)`) or a currency column; a file
    with two is refused."""
    found = {c.currency for c in header.columns if c.currency and c.field in MONEY_COUNTERS}
    if "currency" in text:
        column = text["currency"]
        used = np.unique(column.codes[ok])
        found |= {column.values[i].upper() for i in used if column.values[i]}
    if len(found) > 1:
        problems.add(
            header.line + 1, None, "import.error.currencies", currencies=", ".join(sorted(found))
        )
        return None
    return next(iter(found), None)


def _row_key(
    slugs: np.ndarray, day: np.ndarray, platform: np.ndarray, breakdowns: list[TextColumn]
) -> np.ndarray:
    """One int64 per row naming its (campaign, day, platform, breakdown...)."""
    parts: list[tuple[np.ndarray, int]] = []
    for values in (slugs, day, platform):
        codes, found = pd.factorize(values)
        parts.append((codes, len(found)))
    parts += [(b.codes, len(b.values)) for b in breakdowns]
    return row_key(parts)


def _pos(lines: pd.Index, line: int) -> int:
    """The array position of file line `line` (rows need not be one line each)."""
    return int(lines.searchsorted(line))


def _duplicates(
    keys: pd.Series,
    lines: pd.Index,
    slugs: np.ndarray,
    day: np.ndarray,
    platform: np.ndarray,
    problems: Problems,
) -> None:
    """The same campaign, day and platform (and placement) twice: each repeat refused,
    naming the line it repeats. `lines`: the line of each array position."""

    def describe(line: int) -> dict[str, str]:
        i = _pos(lines, line)
        return {"campaign": str(slugs[i]), "day": str(day[i]), "platform": str(platform[i])}

    refuse_duplicates(keys, problems, describe)
