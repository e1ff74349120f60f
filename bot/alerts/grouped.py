"""Every target of a workspace evaluated from a few grouped reads instead of a few reads per
target: the data ranges of all campaigns in one query, the daily frames of the campaigns the
targets name in one query per month their reads start in (storage.campaigns.frames), the
all-campaigns frame once; each target is then judged in memory on its days of those frames
(`evaluation_from`, the very function `evaluation_of` runs on its own reads), so it gets the
evaluation `evaluation_of` gives. A target whose window reaches back further than its
days (rare: a cumulative target set long before its data ends) is evaluated on its own.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from bot.alerts.data import (
    Scope,
    created_day,
    days_read,
    evaluation_from,
    evaluation_of,
    spec_of,
)
from bot.services import Services
from kpi.frame_totals import FrameColumns, columns_of
from kpi.targets import Evaluation, TargetSpec, next_state
from storage.campaigns.frames import daily_columns
from storage.campaigns.records import CampaignRec
from storage.targets.records import TargetRec

Span = tuple[dt.date, dt.date]
Read = Callable[[dt.date, dt.date], FrameColumns]


@dataclass(frozen=True, slots=True)
class _Plan:
    target: TargetRec
    spec: TargetSpec
    scope: Scope
    span: Span | None
    days: Span | None


def evaluations(
    services: Services, team_id: str, targets: Iterable[TargetRec], as_of: dt.date, tz: str
) -> dict[int, Evaluation | LookupError]:
    """Target id -> what ``evaluation_of(services, target, as_of, tz)`` gives, or the
    LookupError it raises (the target's campaign is gone or archived)."""
    campaigns = {c.id: c for c in services.repo.list_campaigns(team_id, archived=True)}
    spans = services.repo.data_ranges(team_id)
    plans: list[_Plan] = []
    found: dict[int, Evaluation | LookupError] = {}
    for target in targets:
        try:
            scope = _scope(campaigns, target)
        except LookupError as exc:
            found[target.id] = exc
            continue
        span = (
            spans.get(scope.campaign.id)
            if scope.campaign
            else services.repo.data_range(team_id, None)
        )
        spec = spec_of(target, created=created_day(target, as_of, tz))
        plans.append(_Plan(target, spec, scope, span, days_read(spec, span, as_of)))
    reads = _reads(services, team_id, plans)
    for plan in plans:
        key = plan.scope.campaign.id if plan.scope.campaign else None
        evaluation = evaluation_from(plan.spec, plan.scope, plan.span, as_of, reads(key))
        if evaluation is None:  # reaches back beyond its days: the whole history, alone
            evaluation = evaluation_of(services, plan.target, as_of, tz)
        found[plan.target.id] = evaluation
    return found


def _scope(campaigns: dict[int, CampaignRec], target: TargetRec) -> Scope:
    """As `bot.alerts.data.scope_of`, from the workspace's campaigns read once."""
    if target.campaign_id is None:
        return Scope(None)
    campaign = campaigns.get(target.campaign_id)
    if campaign is None or campaign.archived_at is not None:
        raise LookupError(f"campaign {target.campaign_id} of target {target.id} is gone")
    return Scope(campaign)


def _reads(services: Services, team_id: str, plans: list[_Plan]) -> Callable[[int | None], Read]:
    """Campaign id (None: all campaigns) -> its daily frame over given days, cut from the
    frames read once for every plan."""
    wanted: dict[int | None, list[Span]] = {}
    for plan in plans:
        if plan.days is not None:
            key = plan.scope.campaign.id if plan.scope.campaign else None
            wanted.setdefault(key, []).append(plan.days)
    every: FrameColumns | None = None  # over all campaigns
    if None in wanted:
        first, last = _cover(wanted.pop(None))
        every = columns_of(services.repo.daily_frame(team_id, None, first, last, with_costs=True))
    frames: dict[int, FrameColumns] = {}
    # Campaigns whose reads start in the same month are read together, from that month's
    # start: one query per month instead of one per campaign, none reading far more than
    # its campaigns need.
    by_month: dict[dt.date, dict[int, Span]] = {}
    for cid, days in wanted.items():
        assert cid is not None
        cover = _cover(days)
        by_month.setdefault(cover[0].replace(day=1), {})[cid] = cover
    with services.engine.connect() as conn:
        for month, covers in by_month.items():
            last = max(end for _, end in covers.values())
            start = min(month, *(begin for begin, _ in covers.values()))
            frames.update(daily_columns(conn, team_id, list(covers), start, last))

    def reads(key: int | None) -> Read:
        whole = every if key is None else frames.get(key)

        def read(start: dt.date, last: dt.date) -> FrameColumns:
            if whole is None:
                return columns_of(pd.DataFrame({"day": []}))
            days = list(whole.days)  # in day order, as read
            a, b = bisect.bisect_left(days, start), bisect.bisect_right(days, last)
            return whole.rows(slice(a, b))

        return read

    return reads


def _cover(days: list[Span]) -> Span:
    return min(a for a, _ in days), max(b for _, b in days)


def as_checked_all(
    services: Services, team_id: str, targets: list[TargetRec], today: dt.date, tz: str
) -> list[TargetRec]:
    """``[as_checked(services, t, today, tz) for t in targets]`` (bot.alerts.data), the
    targets the checker has not given a value yet evaluated together."""
    unchecked = [t for t in targets if t.last_value is None]
    found = evaluations(services, team_id, unchecked, today, tz) if unchecked else {}
    checked = []
    for target in targets:
        evaluation = found.get(target.id)
        if not isinstance(evaluation, Evaluation) or evaluation.value is None:
            checked.append(target)  # checked already, its campaign gone, or no value yet
            continue
        state = next_state(target.state, evaluation)
        checked.append(dataclasses.replace(target, last_value=evaluation.value, state=state))
    return checked
