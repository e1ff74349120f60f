"""`/kpi target ...`, `/kpi targets [campaign]`, `/kpi alerts [campaign]`: parse, check the
SMART letters, store, reply. A refused target stores nothing."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.alerts.blocks import kpi_label
from bot.alerts.checker import check_quietly
from bot.alerts.data import Scope, as_checked, days_of_data, frame, history
from bot.alerts.grouped import as_checked_all
from bot.alerts.parse import DeleteArgs, TargetArgs, parse_target_args, user_error
from bot.blocks.common import context, fit, header, section, sections
from bot.context import Ctx, Reply
from bot.dispatch import kpi_words
from bot.errors import TargetRefused, UserError
from bot.grammar import Sub
from bot.resolve import ALL_WORDS, campaigns_for, one_campaign
from bot.services import Services
from kpi.errors import TargetValueError
from kpi.formatting import fmt_date, fmt_value
from kpi.money import uses_money
from kpi.registry import Kpi, UnknownKpi, lookup
from kpi.target_smart import parse_target_value, render_smart, smart_check
from kpi.targets import Op, TargetSpec
from storage import bounds
from storage.campaigns.memo import one_reply
from storage.targets.records import TargetRec

USAGE_EXAMPLE = "`/kpi target campaign-x engagement >= 3% by 2026-12-31`"


def target_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """`/kpi target <campaign|all> <kpi> <op> <value> by <date> [over <window>]` and
    `/kpi target delete <id>`. Alone (outside Slack's modal) it answers with the usage."""
    if not cmd.args:
        raise UserError("targets.error.usage", None)
    parsed = parse_target_args(list(cmd.args), kpi_words)
    if isinstance(parsed, DeleteArgs):
        return delete_target(services, ctx, parsed.target_id)
    try:
        return create_target(services, ctx, parsed)
    except TargetRefused as refusal:
        return refused_reply(ctx, refusal)


def refused_reply(ctx: Ctx, refusal: TargetRefused) -> Reply:
    refused = ctx.t("targets.smart.refused")
    blocks = [
        section(f":warning: *{refused}*"),
        *sections("\n".join(refusal.lines)),
        context(ctx.t("error.try") + " " + USAGE_EXAMPLE),
    ]
    return Reply(blocks, f"{refused} {refusal}", ok=False)


def _scope(services: Services, ctx: Ctx, word: str | None) -> Scope:
    if word is not None and word.lower() in ALL_WORDS:
        campaigns_for(ctx, services.repo, word)  # refuses when there are no campaigns
        return Scope(None)
    if word is None:
        found = campaigns_for(ctx, services.repo, None)
        assert found is not None
        return Scope(found[0])
    return Scope(one_campaign(ctx, services.repo, word))


def _label(scope: Scope, ctx: Ctx) -> str:
    return scope.campaign.slug if scope.campaign else ctx.t("targets.all_campaigns")


def _currency(scope: Scope, ctx: Ctx, services: Services | None = None) -> str:
    """The currency of the scope's money: the campaign's; for all campaigns the one their
    money is in when they share one, else the workspace default."""
    if scope.campaign is not None:
        return scope.campaign.currency or ctx.currency
    codes = money_currencies(services, ctx.team_id) if services else set()
    return next(iter(codes)) if len(codes) == 1 else ctx.currency


def money_currencies(services: Services, team_id: str) -> set[str]:
    """The currencies the workspace's stored money is in (a campaign's currency is fixed
    when money is first stored for it)."""
    return {c.currency for c in services.repo.list_campaigns(team_id) if c.currency}


def _kpi(word: str) -> Kpi | None:
    try:
        return lookup(word)
    except UnknownKpi:
        return None


def create_target(services: Services, ctx: Ctx, args: TargetArgs) -> Reply:
    """Check the SMART letters; store the target when none refuses and check it at once (a
    target already off at its first check alerts its channel). The reply shows every letter.
    Raises TargetRefused (nothing stored) when a letter refuses, UserError for bad input.
    """
    scope = _scope(services, ctx, args.campaign)
    kpi = _kpi(args.kpi)
    if scope.campaign is None and kpi is not None and uses_money(kpi):
        codes = sorted(money_currencies(services, ctx.team_id))
        if len(codes) > 1:  # one target over A$ and £ added up would mean nothing
            raise user_error(
                "money.target_mixed",
                kpi=ctx.t(f"kpi.{kpi.name}.label"),
                currencies=", ".join(codes),
                example=f"`/kpi target <campaign> {args.kpi} {args.op} {args.value} by "
                f"{args.deadline.isoformat()}`",
            )
    value = 0.0
    if kpi is not None:
        try:
            value = parse_target_value(args.value, kpi, ctx.locale)
        except TargetValueError as exc:
            raise user_error(exc.key, **exc.params) from exc
        bounds.check_target_value(value)  # "1e400" is infinity: no column holds it
    op: Op = ">=" if args.op == ">=" else "<="
    spec = TargetSpec(
        kpi.name if kpi else args.kpi,
        op,
        value,
        args.deadline,
        window_days=args.window_days,
        created=ctx.today,
    )
    daily = frame(services, ctx.team_id, scope, ctx.today)
    weeks = [p.value for p in history(kpi, daily, scope.ltv)] if kpi else []
    report = smart_check(
        spec,
        kpi_known=kpi is not None,
        campaign_known=True,
        history_weekly_values=weeks,
        campaign_goal=scope.campaign.goal if scope.campaign else None,
        as_of=ctx.today,
        days_of_data=days_of_data(daily),
    )
    label, currency = _label(scope, ctx), _currency(scope, ctx, services)
    lines = render_smart(report, spec, campaign=label, locale=ctx.locale, currency=currency)
    if not report.accepted or kpi is None:
        refused = [
            (line.letter, text)
            for line, text in zip(report.lines, lines, strict=True)
            if line.level == "refuse"
        ]
        raise TargetRefused(lines, refused)
    if not ctx.channel_id:
        # Alerts go to the channel the target was set in; without one nobody would hear them.
        raise UserError("targets.error.channel", None)
    repo = services.targets
    target = repo.add_target(
        ctx.team_id,
        campaign_id=scope.campaign.id if scope.campaign else None,
        kpi=kpi.name,
        op=op,
        value=value,
        deadline=args.deadline,
        channel_id=ctx.channel_id,
        window_days=args.window_days,
        created_by=ctx.user_id,
    )
    if target.channel_id:
        check_quietly(services, ctx.team_id, target_id=target.id)
    title = ctx.t(
        "targets.smart.title",
        id=target.id,
        campaign=label,
        kpi=kpi_label(kpi.name, ctx.locale),
        op=op,
        value=fmt_value(value, kpi.unit, ctx.locale, currency),
        deadline=fmt_date(args.deadline, ctx.locale),
    )
    checked = repo.get_target(ctx.team_id, target.id) or target
    blocks = [
        section(f":dart: *{title}*"),
        *sections("\n".join(lines)),
        context(target_row(checked, label, ctx, currency, services)),
    ]
    return Reply(blocks, title)


def target_row(
    target: TargetRec, campaign: str, ctx: Ctx, currency: str, services: Services | None = None
) -> str:
    """One line per target. A target the checker has not seen yet is evaluated here, so the
    line shows its value now rather than "not checked yet (n/a)"."""
    unit = lookup(target.kpi).unit
    if services is not None:
        target = as_checked(services, target, ctx.today, ctx.timezone)
    return ctx.t(
        "targets.list.row",
        id=target.id,
        campaign=campaign,
        kpi=kpi_label(target.kpi, ctx.locale),
        op=target.op,
        target=fmt_value(target.value, unit, ctx.locale, currency),
        deadline=fmt_date(target.deadline, ctx.locale),
        value=fmt_value(target.last_value, unit, ctx.locale, currency),
        state=ctx.t(f"targets.state.{target.state}"),
    )


def delete_target(services: Services, ctx: Ctx, target_id: int) -> Reply:
    found = services.targets.get_target(ctx.team_id, target_id)
    if found is not None and found.kind == "watch":  # a watch ends with `unwatch`, in its channel
        raise UserError("targets.is_watch", None, id=target_id)
    if not services.targets.delete_target(ctx.team_id, target_id):
        raise UserError("targets.not_found", None, id=target_id)
    text = ctx.t("targets.deleted", id=target_id)
    return Reply([section(":wastebasket: " + text)], text)


def _campaign_filter(services: Services, ctx: Ctx, cmd: Sub) -> tuple[int | None, str]:
    if not cmd.args or cmd.args[0].lower() in ALL_WORDS:
        return None, ctx.t("targets.all_campaigns")
    campaign = one_campaign(ctx, services.repo, cmd.args[0])
    return campaign.id, campaign.slug


def targets_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """`/kpi targets [campaign]`: every target with its id, state and last value (read
    only; the targets not checked yet are evaluated together: bot.alerts.grouped)."""
    with one_reply():
        return _targets(services, ctx, cmd)


def _targets(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    campaign_id, scope = _campaign_filter(services, ctx, cmd)
    targets = services.targets.list_targets(ctx.team_id, campaign_id)
    title = ctx.t("targets.list.title", scope=scope)
    if not targets:
        return Reply([header(title), section(ctx.t("targets.list.empty"))], title)
    campaigns = {c.id: c for c in services.repo.list_campaigns(ctx.team_id)}
    everything = _currency(Scope(None), ctx, services)
    rows = []
    # The targets the checker has not seen yet are evaluated here, together (grouped reads).
    for target in as_checked_all(services, ctx.team_id, targets, ctx.today, ctx.timezone):
        campaign = campaigns.get(target.campaign_id) if target.campaign_id else None
        label = campaign.slug if campaign else ctx.t("targets.all_campaigns")
        currency = (campaign.currency or ctx.currency) if campaign else everything
        rows.append("• " + target_row(target, label, ctx, currency))
    return Reply(fit([header(title), *sections("\n".join(rows))]), title)


def alerts_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """`/kpi alerts [campaign]`: the latest state changes, newest first."""
    campaign_id, scope = _campaign_filter(services, ctx, cmd)
    events = services.targets.list_events(ctx.team_id, campaign_id, limit=30)
    title = ctx.t("alerts.history.title", scope=scope)
    if not events:
        return Reply([header(title), section(ctx.t("alerts.history.empty"))], title)
    campaigns = {c.id: c for c in services.repo.list_campaigns(ctx.team_id)}
    tz = ZoneInfo(ctx.timezone)
    everything = _currency(Scope(None), ctx, services)
    rows = []
    for event in events:
        campaign = campaigns.get(event.campaign_id) if event.campaign_id else None
        currency = (campaign.currency or ctx.currency) if campaign else everything
        unit = lookup(event.kpi).unit
        when = event.created_at.astimezone(tz)
        rows.append(
            "• "
            + ctx.t(
                "alerts.history.row",
                when=f"{fmt_date(when.date(), ctx.locale)} {when:%H:%M}",
                id=event.target_id,
                kpi=kpi_label(event.kpi, ctx.locale),
                campaign=campaign.slug if campaign else ctx.t("targets.all_campaigns"),
                from_state=ctx.t(f"targets.state.{event.from_state}"),
                to_state=ctx.t(f"targets.state.{event.to_state}"),
                value=fmt_value(event.value, unit, ctx.locale, currency),
            )
        )
    return Reply(fit([header(title), *sections("\n".join(rows))]), title)
