"""What a target is judged on: its campaigns' daily counters, its spec, its weekly history
and the likely cause of a move. Reads storage, hands pure values to kpi.targets."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from bot.services import Services
from kpi.causes import Cause, likely_cause
from kpi.frame_totals import FrameColumns, columns_of, totals_of
from kpi.registry import Kpi, lookup
from kpi.targets import (
    TREND_WEEKS,
    Evaluation,
    Op,
    TargetSpec,
    WeekPoint,
    evaluate,
    next_state,
    weekly_values,
)
from storage.campaigns.records import CampaignRec
from storage.targets.records import TargetRec

#: Weeks of history the SMART reply compares a new target with.
HISTORY_WEEKS = 26
#: Days read before a rate target's window beyond it: metrics that lag a few days.
WEEK = 7
#: Days every target's frame reaches back at least, so targets of one scope share it.
SHARED_DAYS = 63


@dataclass(frozen=True)
class Scope:
    """The campaigns a target covers: one, or every campaign of the workspace (None)."""

    campaign: CampaignRec | None

    @property
    def ids(self) -> list[int] | None:
        return None if self.campaign is None else [self.campaign.id]

    @property
    def ltv(self) -> float | None:
        return None if self.campaign is None else self.campaign.ltv_per_customer


def scope_of(services: Services, target: TargetRec) -> Scope:
    if target.campaign_id is None:
        return Scope(None)
    found = services.repo.get_campaign(target.team_id, target.campaign_id)
    if found is None or found.archived_at is not None:  # never read it as "all campaigns"
        raise LookupError(f"campaign {target.campaign_id} of target {target.id} is gone")
    return Scope(found)


def frame(services: Services, team_id: str, scope: Scope, upto: dt.date) -> pd.DataFrame:
    """Every day with data up to ``upto``: one row per day, counters summed over the scope's
    campaigns and platforms, costs as ``cost_<category>`` columns. Empty without data."""
    span = services.repo.data_range(team_id, scope.ids)
    if span is None or span[0] > upto:
        return pd.DataFrame({"day": []})
    return services.repo.daily_frame(
        team_id, scope.ids, span[0], min(span[1], upto), with_costs=True
    )


def spec_of(target: TargetRec, created: dt.date | None = None) -> TargetSpec:
    op: Op = ">=" if target.op == ">=" else "<="
    return TargetSpec(
        kpi=lookup(target.kpi).name,
        op=op,
        value=target.value,
        deadline=target.deadline,
        window_days=target.window_days,
        created=created,
    )


def judge(
    services: Services, target: TargetRec, as_of: dt.date, tz: str
) -> tuple[Evaluation, pd.DataFrame, Scope]:
    """The target evaluated as of ``as_of``; a cumulative target counts from the day it was
    set (in the workspace's timezone)."""
    scope = scope_of(services, target)
    daily = frame(services, target.team_id, scope, as_of)
    spec = spec_of(target, created=created_day(target, as_of, tz))
    return evaluate(spec, daily, as_of, ltv_per_customer=scope.ltv), daily, scope


def evaluation_of(services: Services, target: TargetRec, as_of: dt.date, tz: str) -> Evaluation:
    """``judge(...)[0]`` from only the days the evaluation reads — its trend's weeks, a rate
    target's window (with a week's margin for a lag), a cumulative target's days since it
    was set — not the whole history (read only when the window reaches back further)."""
    scope = scope_of(services, target)
    spec = spec_of(target, created=created_day(target, as_of, tz))
    span = services.repo.data_range(target.team_id, scope.ids)

    def read(start: dt.date, last: dt.date) -> pd.DataFrame:
        return services.repo.daily_frame(target.team_id, scope.ids, start, last, with_costs=True)

    found = evaluation_from(spec, scope, span, as_of, read)
    return found if found is not None else judge(services, target, as_of, tz)[0]


def created_day(target: TargetRec, as_of: dt.date, tz: str) -> dt.date:
    """The day a target was set in the workspace's timezone (``as_of`` at the latest)."""
    from zoneinfo import ZoneInfo

    return min(target.created_at.astimezone(ZoneInfo(tz)).date(), as_of)


def days_read(
    spec: TargetSpec, span: tuple[dt.date, dt.date] | None, as_of: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The days `evaluation_from` reads (first, last) when the scope's data spans ``span``;
    None without data up to ``as_of``."""
    if span is None or span[0] > as_of:
        return None
    last = min(span[1], as_of)
    # Rounded down to SHARED_DAYS: the targets of one scope read the same frame (once in a
    # reply, storage.campaigns.memo).
    upto = min(last, spec.deadline)
    reads = min(
        _reads_from(spec, upto, lookup(spec.kpi).cumulative), upto - dt.timedelta(days=SHARED_DAYS)
    )
    return max(span[0], reads), last


def evaluation_from(
    spec: TargetSpec,
    scope: Scope,
    span: tuple[dt.date, dt.date] | None,
    as_of: dt.date,
    read: Callable[[dt.date, dt.date], pd.DataFrame | FrameColumns],
) -> Evaluation | None:
    """The evaluation from the days `days_read` names, read with ``read(first, last)`` (the
    scope's daily frame over those days); None when it reaches back further than they do
    (then only the whole history, `judge`, gives it)."""
    days = days_read(spec, span, as_of)
    if days is None or span is None:
        return evaluate(spec, pd.DataFrame({"day": []}), as_of, ltv_per_customer=scope.ltv)
    start, last = days
    cumulative = lookup(spec.kpi).cumulative
    daily = columns_of(read(start, last))
    shown = [d for d in daily.days if d <= spec.deadline]
    if start == span[0] or (shown and _reads_from(spec, max(shown), cumulative) >= start):
        first = None if cumulative else span[0]
        return evaluate(spec, daily, as_of, ltv_per_customer=scope.ltv, first_day=first)
    return None


def _reads_from(spec: TargetSpec, last: dt.date, cumulative: bool) -> dt.date:
    """The first day `evaluate` reads when ``last`` is the last day with data."""
    trend = last - dt.timedelta(days=last.weekday(), weeks=TREND_WEEKS - 1)
    if cumulative and spec.created is not None:
        return min(trend, spec.created)
    return min(trend, last - dt.timedelta(days=spec.window_days + WEEK))


def as_checked(services: Services, target: TargetRec, today: dt.date, tz: str) -> TargetRec:
    """`target` with a value and state even when the checker has not seen it yet (evaluated
    here, nothing stored), so no list says "not checked yet (n/a)" for a target with data."""
    if target.last_value is not None:
        return target
    try:
        evaluation = evaluation_of(services, target, today, tz)
    except LookupError:  # its campaign is gone
        return target
    if evaluation.value is None:
        return target
    state = next_state(target.state, evaluation)
    return dataclasses.replace(target, last_value=evaluation.value, state=state)


def history(kpi: Kpi, daily: pd.DataFrame, ltv: float | None) -> tuple[WeekPoint, ...]:
    """The KPI per Monday-week over the data (up to HISTORY_WEEKS weeks), oldest first."""
    if not len(daily):
        return ()
    days = [pd.Timestamp(d).date() for d in daily["day"]]
    first, last = min(days), max(days)
    weeks = min((last - (first - dt.timedelta(days=first.weekday()))).days // 7 + 1, HISTORY_WEEKS)
    return weekly_values(kpi, daily, last, weeks, ltv)


def days_of_data(daily: pd.DataFrame) -> int | None:
    """Days from the first to the last day with data, both included; None without data."""
    if not len(daily):
        return None
    days = [pd.Timestamp(d).date() for d in daily["day"]]
    return (max(days) - min(days)).days + 1


def cause_of(
    kpi: Kpi, daily: pd.DataFrame, evaluation: Evaluation, ltv: float | None
) -> Cause | None:
    """The likely cause: the evaluation's window against the days it is compared with
    (`Evaluation.compared_with`, decided by kpi.periods.trailing_window — like for like)."""
    start, end = evaluation.window_start, evaluation.window_end
    before = evaluation.compared_with
    if start is None or end is None or before is None or not len(daily):
        return None
    days = [pd.Timestamp(d).date() for d in daily["day"]]
    if not any(before.start <= d <= before.end for d in days):
        return None
    current = totals_of(daily, start, end, ltv)
    previous = totals_of(daily, before.start, before.end, ltv)
    return likely_cause(current, previous, kpi)
