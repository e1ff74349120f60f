"""Block Kit of one person's Home tab: pure, a HomeData (and the sparklines' Slack file ids)
in, the view out.

Layout: a header; the week shown and what it is compared with; the data per source; the
"digest to a channel" button; the targets over all campaigns and the last alerts; then one
card per followed campaign of the page (its week of KPIs with the change, better/worse in
words, its targets with state and pace, its sparkline, and the buttons Open report, Share,
Set target, Unfollow); paging and the campaigns not followed. A page holds PAGE_SIZE
campaigns, so the view stays within Home's 100 blocks whatever the number of campaigns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.benchmarks.compact import Lang, benchmarks_used, sources_note
from bot.blocks.common import actions, button, context, divider, header, plain_text, section
from bot.digests.blocks import campaign_section
from bot.home.data import PAGE_SIZE, Card, HomeData
from bot.texts import t
from kpi.counters import platform_label
from kpi.formatting import fmt_date, fmt_date_range, fmt_number, fmt_value
from kpi.registry import REGISTRY
from kpi.sparkline import Spark
from storage.targets.records import AlertEventRec, TargetRec

#: Home's limit (Slack: 100 blocks in a Home tab).
MAX_HOME_BLOCKS = 100
#: Options of the "Follow again" menu (Slack: 100 options in a static select).
MAX_OPTIONS = 100
REPORT, SHARE, TARGET, UNFOLLOW = "home_report", "home_share", "home_target", "home_unfollow"
FOLLOW, PAGE, SUBSCRIBE = "home_follow", "home_page", "home_subscribe"


def _unit(kpi: str) -> str:
    return REGISTRY[kpi].unit if kpi in REGISTRY else "count"


def target_row(target: TargetRec, data: HomeData, currency: str) -> str:
    """ "Engagement rate >= 4.0 % by 31 Dec 2026: *off target* (3.5 %) · 0.5 pts to go";
    a total (cumulative KPI) still to be reached says how much it needs a day."""
    locale, unit = data.locale, _unit(target.kpi)
    pace = ""
    days = (target.deadline - data.today).days + 1
    final = target.state in ("met", "missed")
    if not final and target.last_value is not None:
        short = (
            target.value - target.last_value
            if target.op == ">="
            else target.last_value - target.value
        )
        kpi = REGISTRY.get(target.kpi)
        if short > 0 and kpi is not None and kpi.cumulative and target.op == ">=" and days > 0:
            per_day = fmt_value(short / days, unit, locale, currency)
            pace = t("home.targets.pace", locale, per_day=per_day, days=days)
        elif short > 0:
            gap = (
                f"{fmt_number(short, locale, 1)} {t('change.pts', locale)}"
                if unit == "percent"
                else fmt_value(short, unit, locale, currency)
            )
            pace = t("home.targets.gap", locale, gap=gap)
    return t(
        "home.targets.row",
        locale,
        kpi=t(f"kpi.{target.kpi}.label", locale),
        op=target.op,
        target=fmt_value(target.value, unit, locale, currency),
        deadline=fmt_date(target.deadline, locale),
        state=t(f"targets.state.{target.state}", locale),
        value=fmt_value(target.last_value, unit, locale, currency),
        pace=pace,
    )


def alert_row(event: AlertEventRec, data: HomeData) -> str:
    locale = data.locale
    campaign = (
        data.slugs.get(event.campaign_id, "?")
        if event.campaign_id is not None
        else t("targets.all_campaigns", locale)
    )
    return t(
        "home.alerts.row",
        locale,
        date=fmt_date(event.created_at.date(), locale),
        campaign=campaign,
        kpi=t(f"kpi.{event.kpi}.label", locale),
        before=t(f"targets.state.{event.from_state}", locale),
        after=t(f"targets.state.{event.to_state}", locale),
        value=fmt_value(event.value, _unit(event.kpi), locale, data.currency),
    )


def spark_alt(spark: Spark, name: str, locale: str) -> str:
    values = ", ".join(fmt_value(v, _unit(spark.kpi), locale, spark.currency) for v in spark.values)
    return t(
        "home.spark.alt", locale, kpi=t(f"kpi.{spark.kpi}.label", locale), campaign=name,
        weeks=len(spark.values), values=values,
    )  # fmt: skip


def _head(data: HomeData) -> list[dict[str, Any]]:
    locale, year = data.locale, data.today.year
    blocks = [header(t("home.title", locale))]
    digest = data.digest
    if data.week is None or digest is None:
        blocks.append(context(t("home.no_data", locale)))
    else:
        dates = fmt_date_range(data.week.start, data.week.end, locale, year)
        before = fmt_date_range(digest.previous_week.start, digest.previous_week.end, locale, year)
        if digest.metrics_through is None:
            compared = t("digest.compared_with", locale, dates=before)
        else:
            current = fmt_date_range(data.week.start, digest.metrics_through, locale, year)
            through = fmt_date(digest.metrics_through, locale)
            compared = t(
                "digest.compared_partial", locale, current=current, dates=before, through=through
            )
        sections = [c.section for c in data.cards if c.section is not None]
        used = benchmarks_used(sections, locale, data.currency, data.benchmarks)
        sources = sources_note(used, Lang(locale, data.currency))
        week = [t("home.week", locale, dates=dates), compared, *([sources] if sources else [])]
        blocks.append(context(*week))
    rows = [
        t(
            "home.fresh.row",
            locale,
            platform=platform_label(f.platform),
            through=fmt_date(f.data_through, locale),
            imported=f"{fmt_date(f.imported_at.date(), locale)} {f.imported_at:%H:%M} UTC",
        )
        if f.imported_at is not None
        else t(
            "home.fresh.row_never",
            locale,
            platform=platform_label(f.platform),
            through=fmt_date(f.data_through, locale),
        )  # fmt: skip
        for f in data.freshness
    ] or [t("home.fresh.none", locale)]
    blocks.append(section(f"*{t('home.fresh.title', locale)}*\n" + "\n".join(rows)))
    blocks.append(actions(button(t("home.subscribe", locale), SUBSCRIBE, {})))
    if data.overall_targets:
        lines = [f"• {target_row(x, data, data.currency)}" for x in data.overall_targets[:10]]
        blocks.append(section(f"*{t('home.targets.overall', locale)}*\n" + "\n".join(lines)))
    alerts = [f"• {alert_row(e, data)}" for e in data.alerts] or [t("home.alerts.none", locale)]
    blocks.append(section(f"*{t('home.alerts.title', locale)}*\n" + "\n".join(alerts)))
    blocks.append(divider())
    return blocks


def card_blocks(
    card: Card,
    data: HomeData,
    file_id: str | None,
    unusual: Sequence[str] = (),
    gap: str | None = None,
) -> list[dict[str, Any]]:
    """One campaign: at most five blocks. Its small print: the data gap first (bot.selfmon),
    then the unusual lines (as replies word them), then its targets."""
    locale, rec = data.locale, card.campaign
    if card.section is not None and card.section.has_data:
        text_block = campaign_section(
            card.section, locale, card.currency, benchmarks=data.benchmarks
        )
    else:
        title = f"*{rec.name}* (`{rec.slug}`)" if rec.name != rec.slug else f"*{rec.slug}*"
        text_block = section(f"{title}\n_{t('home.campaign.no_data', locale)}_")
    blocks = [text_block]
    notes = [gap] if gap else []
    notes += [t("home.unusual", locale, line=line) for line in unusual]
    notes += [f"• {target_row(x, data, card.currency)}" for x in card.targets[:8]]
    if notes:
        blocks.append(context("\n".join(notes)))
    if file_id is not None and card.spark is not None:
        blocks.append(
            {
                "type": "image",
                "slack_file": {"id": file_id},
                "alt_text": spark_alt(card.spark, rec.name, locale)[:2000],
            }
        )
    value = {"c": rec.id}
    blocks.append(
        actions(
            button(t("home.button.report", locale), REPORT, value),
            button(t("home.button.share", locale), SHARE, value),
            button(t("home.button.target", locale), TARGET, value),
            button(t("home.button.unfollow", locale), UNFOLLOW, value),
        )
    )
    blocks.append(divider())
    return blocks


def _paging(data: HomeData) -> list[dict[str, Any]]:
    if data.pages <= 1:
        return []
    locale = data.locale
    first = data.page * PAGE_SIZE + 1
    last = first + len(data.cards) - 1
    line = t("home.paging", locale, first=first, last=last, total=data.followed)
    buttons = []
    if data.page > 0:
        buttons.append(button(t("home.button.previous", locale), PAGE, {"p": data.page - 1}))
    if data.page < data.pages - 1:
        buttons.append(button(t("home.button.next", locale), PAGE, {"p": data.page + 1}))
    return [context(line), actions(*buttons)]


def _unfollowed(data: HomeData) -> list[dict[str, Any]]:
    if not data.unfollowed:
        return []
    locale = data.locale
    options = [
        {"text": plain_text(c.name if c.name == c.slug else f"{c.name} ({c.slug})"),
         "value": str(c.id)}
        for c in data.unfollowed[:MAX_OPTIONS]
    ]  # fmt: skip
    block = section(t("home.unfollowed", locale, count=len(data.unfollowed)))
    block["accessory"] = {
        "type": "static_select",
        "action_id": FOLLOW,
        "placeholder": plain_text(t("home.follow.placeholder", locale)),
        "options": options,
    }
    return [block]


def home_view(
    data: HomeData,
    files: Mapping[int, str] | None = None,
    unusual: Mapping[int, Sequence[str]] | None = None,
    gaps: Mapping[int, str] | None = None,
) -> dict[str, Any]:
    """The Home view of `data`; `files`: campaign id -> the Slack file id of its sparkline;
    `unusual`: campaign id -> the lines of its KPIs outside their usual range; `gaps`:
    campaign id -> the line saying its data is late."""
    files, unusual, gaps = files or {}, unusual or {}, gaps or {}
    blocks = _head(data)
    if not data.cards:
        key = "home.none_followed" if data.unfollowed else "home.no_campaigns"
        blocks.append(section(t(key, data.locale)))
    for card in data.cards:
        cid = card.campaign.id
        blocks += card_blocks(card, data, files.get(cid), unusual.get(cid, ()), gaps.get(cid))
    blocks += _paging(data)
    blocks += _unfollowed(data)
    if len(blocks) > MAX_HOME_BLOCKS:  # PAGE_SIZE keeps it under; never send what Slack refuses
        blocks = blocks[: MAX_HOME_BLOCKS - 1] + [context("…")]
    return {"type": "home", "blocks": blocks}
