"""Deleting a workspace removes every row of it — in tables that name the team and in those
that hang off its campaigns and subscriptions — and nothing of another workspace, on SQLite
and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from storage.installations import Installations

NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 2)


def _fill(engine: Engine, team: str, base: int) -> None:
    """One of everything for `team`; ids from `base` so two teams never share one."""
    with engine.begin() as conn:
        run = conn.execute
        run(text("INSERT INTO workspaces (team_id, locale, currency, timezone, created_at) "
                 "VALUES (:t, 'en', 'EUR', 'UTC', :now)"), {"t": team, "now": NOW})  # fmt: skip
        for i in (1, 2):
            run(text("INSERT INTO campaigns (id, team_id, slug, name, created_at) "
                     "VALUES (:id, :t, :s, :s, :now)"),
                {"id": base + i, "t": team, "s": f"c{i}", "now": NOW})  # fmt: skip
            run(text("INSERT INTO daily_metrics (campaign_id, day, platform, clicks) "
                     "VALUES (:c, :d, 'facebook', 5)"), {"c": base + i, "d": DAY})  # fmt: skip
            run(text("INSERT INTO costs (campaign_id, day, category, amount, created_at) "
                     "VALUES (:c, :d, 'tools', 20, :now)"),
                {"c": base + i, "d": DAY, "now": NOW})  # fmt: skip
        run(text("INSERT INTO targets (id, team_id, campaign_id, kpi, op, value, deadline, "
                 "window_days, channel_id, state, created_at, kind) VALUES (:id, :t, :c, 'ctr', "
                 "'>=', 1, :d, 7, 'C1', 'new', :now, 'target')"),
            {"id": base, "t": team, "c": base + 1, "d": DAY, "now": NOW})  # fmt: skip
        run(text("INSERT INTO alert_events (team_id, target_id, seq, from_state, to_state, "
                 "created_at, status, attempts) VALUES (:t, :id, 1, 'new', 'below', :now, "
                 "'done', 0)"), {"t": team, "id": base, "now": NOW})  # fmt: skip
        run(text("INSERT INTO subscriptions (id, team_id, channel_id, weekday, time_of_day, "
                 "timezone, paused, created_at) VALUES (:id, :t, 'C1', 0, '09:00', 'UTC', "
                 ":f, :now)"), {"id": base, "t": team, "f": False, "now": NOW})  # fmt: skip
        run(text("INSERT INTO deliveries (subscription_id, period_start, status, claimed_at) "
                 "VALUES (:id, :d, 'sent', :now)"), {"id": base, "d": DAY, "now": NOW})  # fmt: skip
        run(text("INSERT INTO slack_requests (team_id, kind, key, created_at) "
                 "VALUES (:t, 'event', 'Ev1', :now)"), {"t": team, "now": NOW})  # fmt: skip
        for table in ("slack_bots", "slack_installations"):
            extra = ", user_id" if table == "slack_installations" else ""
            value = ", 'U1'" if extra else ""
            run(text(f"INSERT INTO {table} (client_id, app_id, team_id, bot_token, "
                     f"is_enterprise_install, installed_at{extra}) VALUES ('1.2', 'A1', :t, "
                     f"'xoxb-{team}', :f, :now{value})"),
                {"t": team, "f": False, "now": NOW.replace(tzinfo=None)})  # fmt: skip


def _count(engine: Engine, sql: str, team: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql), {"t": team}).scalar_one())


CHECKS = {
    "workspaces": "SELECT count(*) FROM workspaces WHERE team_id = :t",
    "campaigns": "SELECT count(*) FROM campaigns WHERE team_id = :t",
    # by the campaign ids each team was given (the campaigns themselves are gone)
    "daily_metrics": "SELECT count(*) FROM daily_metrics WHERE campaign_id IN "
    "(CASE WHEN :t = 'T1' THEN 1001 ELSE 2001 END, CASE WHEN :t = 'T1' THEN 1002 ELSE 2002 END)",
    "costs": "SELECT count(*) FROM costs WHERE campaign_id IN "
    "(CASE WHEN :t = 'T1' THEN 1001 ELSE 2001 END, CASE WHEN :t = 'T1' THEN 1002 ELSE 2002 END)",
    "targets": "SELECT count(*) FROM targets WHERE team_id = :t",
    "alert_events": "SELECT count(*) FROM alert_events WHERE team_id = :t",
    "subscriptions": "SELECT count(*) FROM subscriptions WHERE team_id = :t",
    "deliveries": "SELECT count(*) FROM deliveries WHERE subscription_id = "
    "CASE WHEN :t = 'T1' THEN 1000 ELSE 2000 END",
    "slack_requests": "SELECT count(*) FROM slack_requests WHERE team_id = :t",
    "slack_bots": "SELECT count(*) FROM slack_bots WHERE team_id = :t",
    "slack_installations": "SELECT count(*) FROM slack_installations WHERE team_id = :t",
}
BEFORE = {"campaigns": 2, "daily_metrics": 2, "costs": 2}


def test_everything_of_one_workspace_goes_and_nothing_of_another(engine: Engine) -> None:
    _fill(engine, "T1", 1000)
    _fill(engine, "T2", 2000)
    installs = Installations(engine)
    counted = installs.footprint("T1")
    assert (counted.campaigns, counted.metric_rows, counted.costs) == (2, 2, 2)
    assert (counted.targets, counted.alerts, counted.subscriptions) == (1, 1, 1)
    assert counted.installations == 2

    removed = installs.delete_workspace("T1")
    assert removed == counted
    for table, sql in CHECKS.items():
        assert _count(engine, sql, "T1") == 0, table
        assert _count(engine, sql, "T2") == BEFORE.get(table, 1), table
    # every table that names a team holds nothing of T1 any more
    with engine.connect() as conn:
        for table in inspect(engine).get_table_names():
            columns = {c["name"] for c in inspect(engine).get_columns(table)}
            if "team_id" in columns:
                left = conn.execute(text(f"SELECT count(*) FROM {table} WHERE team_id = 'T1'"))
                assert left.scalar_one() == 0, table
