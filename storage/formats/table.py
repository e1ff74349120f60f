"""The row loop every vendor format shares: cells -> checked, column-held rows.

Per row the work is what the Plan precomputed: a list of (column, converter) pairs, caches
for dates, slugs and result indicators, and appends to column lists. Rows come back as
storage.frame_rows.FrameRows (what the upsert's fast path reads) unless the file has period
totals or several currencies, which FrameRows cannot carry; then as MetricRow objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kpi.counters import MONEY_COUNTERS
from storage.formats.dates import date_reader
from storage.formats.decoding import CellError, converters
from storage.formats.problems import Problems
from storage.formats.rules import is_total, results_target
from storage.formats.slug import slugify
from storage.formats.spec import FormatSpec, Period, Plan
from storage.frame_rows import FrameRows
from storage.records import MetricRow

PROGRESS_EVERY = 10_000
_NOT_REPORTED = frozenset({"", "-", "--", "—", "–"})


@dataclass
class Table:
    """What the loop found; `rows` is empty when there are problems."""

    rows: Sequence[MetricRow] = ()
    skipped: dict[str, int] = field(default_factory=dict)
    period_totals: int = 0
    currency: str | None = None
    dropped: list[str] = field(default_factory=list)  # e.g. "Results (actions:link_click)"


class Records(Protocol):
    """A csv reader: rows of cells, and the file line it has read up to."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...


def read_table(
    records: Records,
    first_line: int,
    *,
    header: Sequence[str],
    spec: FormatSpec,
    plan: Plan,
    comma_decimal: bool,
    default_platform: str | None,
    period: Period | None,
    problems: Problems,
    progress: Callable[[int], None] | None = None,
) -> Table:
    """Check and collect every data row of `records` (a csv reader started after the
    header; `first_line` is the header's line, so a record ends on first_line + line_num)."""
    roles = plan.roles
    width = len(header)
    count, money = converters(comma_decimal)
    day_of = date_reader(spec.date_order)
    c_i = roles["campaign"]
    d_i = roles.get("day")
    e_i = roles.get("day_end")
    p_i = roles.get("platform")
    n_i = roles.get("campaign_name")
    cur_i = roles.get("currency")
    r_i = roles.get("results")
    ind_i = roles.get("result_indicator")
    breakdowns = plan.breakdowns
    fixed_platform = spec.platform or (default_platform or "facebook").strip().lower()
    skip_campaign = spec.skip_campaign
    comment = spec.comment

    direct = {name for name, _ in plan.counters}
    extra = [c for c in ("conversions", "leads") if r_i is not None and c not in direct]
    names = [name for name, _ in plan.counters] + extra
    columns: dict[str, list[Any]] = {name: [] for name in names}
    plan_cols = [
        (i, name not in MONEY_COUNTERS, money if name in MONEY_COUNTERS else count, columns[name])
        for name, i in plan.counters
    ]
    extra_cols = [columns[c] for c in extra]
    targets: dict[str, str | None] = {}

    lines: list[int] = []
    slugs: list[str] = []
    display: list[str | None] = []
    days: list[dt.date] = []
    ends: list[dt.date | None] = []
    platforms: list[str] = []
    currencies: list[str | None] = []
    seen: dict[tuple[Any, ...], int] = {}  # key -> first line
    merged: dict[tuple[str, dt.date, str], int] = {}  # for breakdowns: key -> row index
    slug_of: dict[str, str] = {}
    platform_of: dict[str, str] = {}
    day_cache = day_of.cache  # type: ignore[attr-defined]
    skipped: dict[str, int] = {}
    dropped: set[str] = set()
    period_totals = 0
    tick = PROGRESS_EVERY

    for cells in records:
        line = first_line + records.line_num
        if progress is not None and line >= tick:
            progress(line)
            tick = line + PROGRESS_EVERY
        if len(cells) != width:
            if not any(c.strip() for c in cells):
                skipped["blank"] = skipped.get("blank", 0) + 1
                continue
            if comment and cells[0].startswith(comment):
                skipped["comment"] = skipped.get("comment", 0) + 1
                continue
            if is_total(cells[0]) or (len(cells) > c_i and is_total(cells[c_i])):
                skipped["total_row"] = skipped.get("total_row", 0) + 1
                continue
            if len(cells) < width or any(c.strip() for c in cells[width:]):
                problems.add(line, None, "import.error.cells",
                             found=str(len(cells)), expected=str(width))  # fmt: skip
                continue
        name = cells[c_i].strip()
        first = cells[0]
        if (
            not name
            or (first and first[0] in "TtGgEe" and is_total(first))
            or (name[0] in "TtGgEe" and is_total(name))
        ):
            if not any(c.strip() for c in cells):
                skipped["blank"] = skipped.get("blank", 0) + 1
            elif comment and first.startswith(comment):
                skipped["comment"] = skipped.get("comment", 0) + 1
            else:  # a total (Google's `Total: Account`, or a summary row without a campaign)
                skipped["total_row"] = skipped.get("total_row", 0) + 1
            continue
        if skip_campaign is not None and skip_campaign(name):
            skipped["not_campaign"] = skipped.get("not_campaign", 0) + 1
            continue
        slug = slug_of.get(name)
        if slug is None:
            slug = slug_of[name] = slugify(name)
        ok = True
        if not slug:
            problems.add(line, header[c_i], "import.error.empty", column=header[c_i])
            ok = False
        if d_i is not None:
            raw = cells[d_i]
            day = day_cache.get(raw)
            if day is None:
                day = day_of(raw.strip())
            if day is None:
                problems.add(line, header[d_i], "import.error.date", value=raw)
                ok = False
            end = day
            if e_i is not None:
                raw_end = cells[e_i]
                if raw_end != raw and raw_end.strip():
                    end = day_of(raw_end)
                    if end is None:
                        problems.add(line, header[e_i], "import.error.date", value=raw_end)
                        ok = False
                    elif day is not None and end < day:
                        problems.add(line, header[e_i], "import.error.date_order",
                                     start=raw, end=raw_end)  # fmt: skip
                        ok = False
        else:
            assert period is not None  # make_plan/detect: no day column -> a title period
            day, end = period
        if p_i is not None:
            platform = platform_of.get(cells[p_i]) or platform_of.setdefault(
                cells[p_i], cells[p_i].strip().lower() or fixed_platform
            )
        else:
            platform = fixed_platform

        for i, is_count, convert, column in plan_cols:
            cell = cells[i]
            if not cell:
                column.append(None)
                continue
            if is_count:  # the common case inline: a plain non-negative integer
                try:
                    value = int(cell)
                    if value >= 0:
                        column.append(value)
                        continue
                except ValueError:
                    pass
            try:
                column.append(convert(cell))
            except CellError as error:
                _problem(problems, line, header[i], error.key, cell)
                column.append(None)
                ok = False
        for column in extra_cols:
            column.append(None)
        if r_i is not None:
            cell = cells[r_i]
            if cell and cell.strip() not in _NOT_REPORTED:
                indicator = cells[ind_i].strip() if ind_i is not None else ""
                target = targets.get(indicator, "")
                if target == "":
                    target = targets[indicator] = results_target(indicator)
                result: float | None = None
                try:
                    result = count(cell)
                except CellError as error:
                    _problem(problems, line, header[r_i], error.key, cell)
                    ok = False
                if result is not None and target is None:
                    dropped.add(f"{header[r_i]} ({indicator})")
                elif result is not None and target in columns and target not in direct:
                    columns[target][-1] = result
        if not ok:
            continue

        key: tuple[Any, ...] = (slug, day, platform)
        if breakdowns:
            key = (slug, day, platform, *[cells[b].strip() for b in breakdowns])
        earlier = seen.setdefault(key, line)
        if earlier != line:
            problems.add(line, None, "import.error.duplicate", campaign=slug,
                         day=str(day), platform=platform, first=str(earlier))  # fmt: skip
            continue
        if breakdowns:
            at = merged.get(key[:3])
            if at is not None:  # the same campaign, day, platform: sum over the breakdown
                for column in columns.values():
                    added = column.pop()
                    if added is not None:
                        column[at] = added if column[at] is None else column[at] + added
                continue
            merged[key[:3]] = len(lines)
        lines.append(line)
        slugs.append(slug)
        display.append(cells[n_i].strip() or name if n_i is not None else name)
        days.append(day)
        if end != day:
            period_totals += 1
        ends.append(end if end != day else None)
        platforms.append(platform)
        currencies.append(cells[cur_i].strip().upper() or None if cur_i is not None else None)

    if problems:  # rows with problems left values in the columns: nothing is returned
        return Table(skipped=skipped, dropped=sorted(dropped))
    found = {c for c in currencies if c} or ({plan.currency} if plan.currency else set())
    table = Table(
        skipped=skipped,
        period_totals=period_totals,
        currency=min(found) if len(found) == 1 else None,
        dropped=sorted(dropped),
    )
    if not period_totals and len(found) <= 1:
        iso: dict[dt.date, str] = {}
        table.rows = FrameRows(
            lines=lines,
            campaigns=slugs,
            names=display,
            days=[iso.get(d) or iso.setdefault(d, d.isoformat()) for d in days],
            platforms=platforms,
            counters=columns,
        )
        return table
    counter_names = list(columns)
    values = list(zip(*columns.values(), strict=True)) if columns else [()] * len(lines)
    table.rows = [
        MetricRow(
            line,
            slug,
            day,
            platform,
            {k: v for k, v in zip(counter_names, vals, strict=True) if v is not None},
            name,
            end,
            currency or plan.currency,
        )
        for line, slug, day, platform, vals, name, end, currency in zip(
            lines, slugs, days, platforms, values, display, ends, currencies, strict=True
        )
    ]
    return table


def _problem(problems: Problems, line: int, column: str, key: str, cell: str) -> None:
    problems.add(line, column, key, column=column, value=cell.strip())
