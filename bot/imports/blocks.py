"""The report every import ends with: rows read, inserted, updated, skipped (and why), the
campaigns and dates touched, and which headers were used or ignored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.blocks.common import context, header, section, sections
from bot.context import Ctx
from kpi.formatting import fmt_date_range, fmt_number

if TYPE_CHECKING:
    from bot.imports.outcome import ImportOutcome

MAX_PROBLEMS_SHOWN = 20


def report_blocks(outcome: ImportOutcome, ctx: Ctx, *, filename: str) -> list[dict[str, Any]]:
    parsed = outcome.parsed

    def n(x: float) -> str:
        return fmt_number(x, ctx.locale)

    fmt = ctx.t(f"import.format.{parsed.format}") if parsed.format else "?"

    if parsed.problems:
        lines = [
            ctx.t(
                "import.problem_line",
                line=p.line,
                column=p.column or "—",
                reason=ctx.t(p.reason_key, **dict(p.args)),
            )
            for p in parsed.problems[:MAX_PROBLEMS_SHOWN]
        ]
        total = max(parsed.problem_count, len(parsed.problems))
        shown = len(lines)
        intro = ctx.t("import.refused_intro", count=n(total))
        if total > shown:
            lines.append(ctx.t("import.more_problems", count=n(total - shown)))
            intro += " " + ctx.t("import.first_listed", count=n(total), shown=n(shown))
        return [
            header(ctx.t("import.refused_title", file=filename)),
            section(":no_entry: " + intro),
            *sections("\n".join(lines)),
            context(ctx.t("import.refused_hint")),
        ]
    if outcome.refused_currency:
        slug, stored, new = outcome.refused_currency
        return [
            header(ctx.t("import.refused_title", file=filename)),
            section(
                ":no_entry: "
                + ctx.t("import.currency_refused", campaign=slug, stored=stored, new=new)
            ),
        ]

    stats = outcome.stats
    assert stats is not None
    title_key = "import.dry_run_title" if outcome.dry_run else "import.done_title"
    lines = [
        ctx.t("import.format_line", format=fmt),
        ctx.t(
            "import.counts",
            read=n((parsed.summed_rows or parsed.row_count) + sum(parsed.skipped.values())),
            inserted=n(stats.inserted),
            updated=n(stats.updated),
            unchanged=n(stats.unchanged),
            skipped=n(sum(parsed.skipped.values())),
        ),
    ]
    lines += [
        "    "
        + ctx.t("import.skipped_reason", count=n(count), reason=ctx.t(f"import.skip.{reason}"))
        for reason, count in sorted(parsed.skipped.items())
    ]
    if stats.first_day and stats.last_day:
        lines.append(
            ctx.t(
                "import.range",
                dates=fmt_date_range(stats.first_day, stats.last_day, ctx.locale, ctx.today.year),
            )
        )
    campaigns = ", ".join(f"`{c}`" for c in stats.campaigns[:15])
    if len(stats.campaigns) > 15:
        campaigns += ctx.t("list.and_more", count=len(stats.campaigns) - 15)
    lines.append(ctx.t("import.campaigns", count=n(len(stats.campaigns)), names=campaigns))
    if parsed.summed_rows:
        lines.append(
            ctx.t(
                f"import.summed.{parsed.summed_level}",
                rows=n(parsed.summed_rows),
                days=n(len(parsed.rows)),
            )
        )
    if parsed.dimension:
        lines.append(ctx.t("import.dimension", dimension=parsed.dimension))
    for counter, column in parsed.sources.items():
        lines.append(
            ctx.t("import.source", counter=ctx.t(f"import.source.{counter}"), header=column)
        )
    if parsed.period_totals:
        lines.append(ctx.t("import.period_totals", count=n(parsed.period_totals)))
    if parsed.currency:
        lines.append(ctx.t("import.currency", currency=parsed.currency))
    used = ", ".join(f"{h} → {f}" for h, f in parsed.recognised.items())
    lines.append(ctx.t("import.recognised", headers=used or "—"))
    if parsed.ignored:
        lines.append(ctx.t("import.ignored", headers=", ".join(parsed.ignored)))
    blocks = [header(ctx.t(title_key, file=filename)), *sections("\n".join(lines))]
    if outcome.dry_run:
        blocks.append(context(ctx.t("import.dry_run_hint")))
    elif stats.campaigns:
        blocks.append(context(ctx.t("import.next", campaign=stats.campaigns[0])))
    return blocks
