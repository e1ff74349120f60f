"""Block Kit for a weekly digest: a header with the week's dates, one section per campaign
(ad spend, revenue, ROI, CPA, engagement rate, CTR, each with its change against the week
before), the targets and their states, "What stands out" and a note naming the charts.

Pure builder: a kpi.digest.Digest in, dicts out. It stays inside Slack's limits: 50 blocks
(campaigns are cut from the end, the biggest spenders come first, with an "N more" line)
and 3000 characters a section.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.benchmarks.compact import Lang, benchmarks_used, placed, sources_note, suffix
from bot.blocks.common import MAX_BLOCKS, context, divider, header, section, sections
from bot.texts import t
from kpi.benchmarks import Benchmark
from kpi.digest import CampaignDigest, Digest, KpiLine, TargetInfo
from kpi.formatting import fmt_change, fmt_date, fmt_date_range, fmt_value
from kpi.insights import render_insight
from kpi.money import uses_money, uses_reach
from kpi.registry import REGISTRY
from kpi.story import headline
from kpi.totals import Totals

#: Targets listed in the message; the rest are counted and pointed to `/kpi targets`.
MAX_TARGET_ROWS = 15


def week_dates(digest: Digest) -> str:
    """The digest week as people read it: "23–29 Nov 2026" (en), "23–29 nov 2026" (nl)."""
    return fmt_date_range(digest.week.start, digest.week.end, digest.locale, digest.week.end.year)


def digest_text(digest: Digest) -> str:
    """The notification text (what Slack shows where blocks are not rendered)."""
    return t("digest.fallback_text", digest.locale, dates=week_dates(digest))


#: Late campaigns named under the headline; the rest are counted.
MAX_LATE_NAMED = 3


def headline_blocks(
    digest: Digest, note: str | None = None, late: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """The channel message of a digest: its headline (kpi.story, at most five lines), the
    campaigns whose data stopped (`late`, slugs: bot.selfmon) and a line saying the details
    are in the thread."""
    lines = "\n".join(headline(digest))
    blocks = [section(lines)]
    if note:
        blocks.append(context(note))
    if late:
        names = ", ".join(f"`{slug}`" for slug in late[:MAX_LATE_NAMED])
        if len(late) > MAX_LATE_NAMED:
            names += f" (+{len(late) - MAX_LATE_NAMED})"
        blocks.append(context(t("selfmon.digest.headline", digest.locale, campaigns=names)))
    blocks.append(context(t("story.details", digest.locale)))
    return blocks


def kpi_line(
    line: KpiLine,
    locale: str,
    currency: str,
    benchmarks: Sequence[Benchmark] | None = None,
    totals: Totals | None = None,
) -> str:
    """ "Engagement rate: *2.8 %* ▲ 12.5 %  · within the typical 1–5 %": the week's value,
    its change against the week before (none when either week is n/a, or the week before
    was 0) and, with `benchmarks` (the workspace's own; built-in ones apply too), where the
    value sits; `totals`: the week's sums (CTR's range is the paid one with ad spend)."""
    label = t(f"kpi.{line.kpi.name}.label", locale)
    value = fmt_value(line.current.value, line.kpi.unit, locale, currency)
    text = f"{label}: *{value}*"
    if line.change is not None:
        text += f"  {fmt_change(line.change, locale)}"
    if benchmarks is not None:
        found = placed(
            line.kpi, line.current.value, totals or Totals.empty(), Lang(locale, currency),
            benchmarks,
        )  # fmt: skip
        text += suffix([found] if found else [])
    return text


def _is_empty(campaign: CampaignDigest) -> bool:
    return all(v is None for v in campaign.current.counters.values())


def _money_apart(
    line: KpiLine,
    parts: Sequence[CampaignDigest],
    locale: str,
    benchmarks: Sequence[Benchmark] | None = None,
) -> str:
    """ "Ad spend: `AUD` *A$1,234.00* ▲ 12.5 %  ·  `GBP` *£80.00*": one value per currency,
    each placed against a benchmark in its own currency (or said not to be compared)."""
    label = t(f"kpi.{line.kpi.name}.label", locale)
    shown = []
    for part in parts:
        own = part.line(line.kpi.name)
        value = fmt_value(own.current.value, line.kpi.unit, locale, part.currency or "")
        text = f"`{part.currency}` *{value}*"
        if own.change is not None:
            text += f" {fmt_change(own.change, locale)}"
        if benchmarks is not None:
            lang = Lang(locale, part.currency or "")
            found = placed(line.kpi, own.current.value, part.current, lang, benchmarks)
            text += suffix([found] if found else [])
        shown.append(text)
    return f"{label}: " + "  ·  ".join(shown)


def campaign_section(
    campaign: CampaignDigest,
    locale: str,
    currency: str,
    per_currency: Sequence[CampaignDigest] = (),
    benchmarks: Sequence[Benchmark] | None = None,
) -> dict[str, Any]:
    """One campaign's (or, slug "*", all campaigns') section, money in the campaign's own
    currency. `per_currency`: the all-campaigns sums per currency, when there are several:
    money KPIs are shown once per currency, never added up. `benchmarks`: the workspace's
    own (None: no benchmarks shown); each value says where it sits (bot.benchmarks.compact)."""
    currency = campaign.currency or currency
    if campaign.slug == "*":
        title = f"*{t('digest.overall', locale)}*"
    elif campaign.name and campaign.name != campaign.slug:
        title = f"*{campaign.name}* (`{campaign.slug}`)"
    else:
        title = f"*{campaign.slug}*"
    if _is_empty(campaign):
        return section(f"{title}\n_{t('digest.no_data_week', locale)}_")
    lines = [
        _money_apart(line, per_currency, locale, benchmarks)
        if per_currency and uses_money(line.kpi)
        else kpi_line(line, locale, currency, benchmarks, campaign.current)
        for line in campaign.lines
    ]
    return section("\n".join([title, *lines]))


def target_row(
    target: TargetInfo,
    digest: Digest,
    names: dict[str, str],
    currencies: dict[str, str | None] | None = None,
) -> str:
    """ "campaign-x · Engagement rate >= 4.0 % by 31 Dec 2026: off target (3.5 %)"."""
    locale = digest.locale
    unit = REGISTRY[target.kpi].unit if target.kpi in REGISTRY else "count"
    own = (currencies or {}).get(target.campaign or "")
    currency = own or digest.currency
    campaign = (
        names.get(target.campaign, target.campaign)
        if target.campaign is not None
        else t("targets.all_campaigns", locale)
    )
    return t(
        "digest.targets.row",
        locale,
        campaign=campaign,
        kpi=t(f"kpi.{target.kpi}.label", locale),
        op=target.op,
        target=fmt_value(target.value, unit, locale, currency),
        deadline=fmt_date(target.deadline, locale) if target.deadline else "–",
        state=t(f"targets.state.{target.state}", locale),
        value=fmt_value(target.last_value, unit, locale, currency),
    )


def targets_blocks(digest: Digest) -> list[dict[str, Any]]:
    """The "Targets" part: every target (up to MAX_TARGET_ROWS) with its state."""
    locale = digest.locale
    title = f"*{t('digest.targets.title', locale)}*"
    if not digest.targets:
        return [section(f"{title}\n{t('digest.targets.none', locale)}")]
    names = {c.slug: c.name for c in digest.campaigns}
    currencies = {c.slug: c.currency for c in digest.campaigns}
    rows = [
        f"• {target_row(x, digest, names, currencies)}" for x in digest.targets[:MAX_TARGET_ROWS]
    ]
    hidden = len(digest.targets) - MAX_TARGET_ROWS
    if hidden > 0:
        rows.append(t("list.and_more", locale, count=hidden).strip() + ": `/kpi targets`")
    return sections("\n".join([title, *rows]))


def insights_blocks(digest: Digest) -> list[dict[str, Any]]:
    """ "What stands out": the digest's three to five insights as sentences."""
    locale = digest.locale
    title = f"*{t('digest.insights.title', locale)}*"
    if not digest.insights:
        return [section(f"{title}\n{t('digest.insights.none', locale)}")]
    rows = [f"• {render_insight(i, locale, digest.currency)}" for i in digest.insights]
    return sections("\n".join([title, *rows]))


def _notes(digest: Digest, benchmarks: Sequence[Benchmark] | None) -> list[str]:
    """Money in several currencies, reach added up over the week's days, and the sources of
    the benchmarks the lines placed their values against."""
    locale = digest.locale
    notes = []
    if digest.mixed_currencies:
        notes.append(t("money.per_currency", locale, count=len(digest.overall_by_currency)))
    shown = [digest.overall, *digest.campaigns]
    if any(
        line.current.value is not None for c in shown for line in c.lines if uses_reach(line.kpi)
    ):
        notes.append(t("reach.note.days", locale))
    if benchmarks is not None:
        used = benchmarks_used(shown, locale, digest.currency, benchmarks)
        sources = sources_note(used, Lang(locale, digest.currency))
        notes += [sources] if sources else []
    return notes


def digest_blocks(
    digest: Digest,
    chart_titles: Sequence[str] = (),
    note: str | None = None,
    unusual: Sequence[str] = (),
    competitors: Sequence[str] = (),
    gaps: Sequence[str] = (),
    benchmarks: Sequence[Benchmark] | None = (),
) -> list[dict[str, Any]]:
    """The digest message. `chart_titles`: the charts posted under it (named in a closing
    note); `note`: an extra line under the header (e.g. "Preview, only you can see this").
    Campaigns that do not fit in MAX_BLOCKS are cut from the end (the smallest spenders)
    and counted in one line that says how to see them. `unusual`: lines naming KPIs outside
    their usual range (bot.unusual.digest), shown after the insights; `competitors`: the
    "You vs competitors" lines (bot.competitors.digest), after those; `gaps`: lines naming
    the campaigns whose data stopped and what to do (bot.selfmon), shown first in the tail;
    `benchmarks`: the workspace's own (None: no benchmarks), each value says where it sits
    in its range and a note names the ranges' sources."""
    locale, currency = digest.locale, digest.currency
    head = [header(t("digest.header", locale, dates=week_dates(digest)))]
    before = fmt_date_range(
        digest.previous_week.start, digest.previous_week.end, locale, digest.week.end.year
    )
    if digest.metrics_through is None:
        compared = t("digest.compared_with", locale, dates=before)
    else:  # metrics end inside the week: the same days of the week before
        days = fmt_date_range(
            digest.week.start, digest.metrics_through, locale, digest.week.end.year
        )
        through = fmt_date(digest.metrics_through, locale)
        compared = t("digest.compared_partial", locale, current=days, dates=before, through=through)
    # the note on a line of its own: context elements flow on one line in Slack
    head += [context(note)] if note else []
    for slug, own in digest.lagging:  # a campaign whose own metrics stop inside the week
        assert own.metrics_through is not None
        compared += "\n" + t(
            "digest.compared_lagging",
            locale,
            campaign=slug,
            through=fmt_date(own.metrics_through, locale),
            current=fmt_date_range(
                own.current.start, own.current.end, locale, digest.week.end.year
            ),
            dates=fmt_date_range(
                own.previous.start, own.previous.end, locale, digest.week.end.year
            ),
        )
    head.append(context(compared))
    if len(digest.campaigns) > 1:
        head.append(
            campaign_section(
                digest.overall, locale, currency, digest.overall_by_currency, benchmarks
            )
        )
    tail: list[dict[str, Any]] = []
    if gaps:  # bot.selfmon: data that stopped coming, before the numbers it leaves out
        tail += sections("\n".join([f"*{t('selfmon.digest.title', locale)}*", *gaps]))
    notes = _notes(digest, benchmarks)
    if notes:
        tail.append(context(*notes))
    if digest.quiet:
        quiet = ", ".join(f"`{slug}`" for slug in digest.quiet)
        tail.append(context(t("digest.quiet", locale, campaigns=quiet)))
    tail += [divider(), *targets_blocks(digest), *insights_blocks(digest)]
    if unusual:  # bot.unusual.digest: the campaigns' KPIs outside their usual range
        rows = [f"*{t('digest.unusual.title', locale)}*", *(f"• {u}" for u in unusual)]
        tail += sections("\n".join(rows))
    if competitors:  # bot.competitors.digest: its title is its first line
        tail += sections("\n".join(competitors))
    if chart_titles:
        tail.append(context(t("digest.charts.note", locale, titles=" · ".join(chart_titles))))
    room = MAX_BLOCKS - len(head) - len(tail)
    shown = list(digest.campaigns)
    if len(shown) > room:
        shown = shown[: max(room - 1, 0)]
    body = [campaign_section(c, locale, currency, benchmarks=benchmarks) for c in shown]
    hidden = len(digest.campaigns) - len(shown)
    if hidden:
        body.append(context(t("digest.more_campaigns", locale, count=hidden)))
    return [*head, *body, *tail]
