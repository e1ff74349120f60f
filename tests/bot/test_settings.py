"""Settings come from the environment only, and say what is missing and where to get it."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.settings import DEFAULT_DATABASE_URL, ConfigError, Settings


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert (settings.port, settings.alert_interval_minutes, settings.digest_grace_hours) == (
        3000,
        15,
        12,
    )
    assert settings.today is None


def test_values_are_read() -> None:
    settings = Settings.from_env(
        {"KPIBOT_DATABASE_URL": "postgresql+psycopg://u@h/db", "PORT": "8080",
         "KPIBOT_ALERT_INTERVAL": "5", "KPIBOT_TODAY": "2026-11-30", "SLACK_API_URL": "http://x/api/"}
    )  # fmt: skip
    assert settings.port == 8080 and settings.alert_interval_minutes == 5
    assert settings.today == dt.date(2026, 11, 30)
    assert settings.today_in("Europe/Amsterdam") == dt.date(2026, 11, 30)


@pytest.mark.parametrize(("name", "value"), [("PORT", "eighty"), ("KPIBOT_TODAY", "30-11-2026")])
def test_malformed_values_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}, []),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, []),  # Socket Mode
        ({"SLACK_BOT_TOKEN": "xoxp-1", "SLACK_SIGNING_SECRET": "s"}, ["SLACK_BOT_TOKEN must"]),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, ["SLACK_APP_TOKEN must"]),
        # many workspaces (OAuth): no bot token needed, both credentials and HTTP are
        ({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "c", "SLACK_SIGNING_SECRET": "s"}, []),
        ({"SLACK_CLIENT_ID": "1.2", "SLACK_SIGNING_SECRET": "s"}, ["SLACK_CLIENT_SECRET"]),
        (
            {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "c", "SLACK_APP_TOKEN": "xapp-1"},
            ["SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN must be empty"],
        ),
    ],
)
def test_missing_for_serve(env: dict[str, str], expected: list[str]) -> None:
    missing = Settings.from_env(env).missing_for_serve()
    assert len(missing) == len(expected)
    for line, start in zip(missing, expected, strict=True):
        assert line.startswith(start)


def test_oauth_mode_needs_both_credentials() -> None:
    assert not Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"}).oauth
    assert not Settings.from_env({"SLACK_CLIENT_ID": "1.2"}).oauth
    both = Settings.from_env(
        {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "c", "KPIBOT_TOKEN_REFRESH_MINUTES": "30"}
    )
    assert both.oauth and both.token_refresh_minutes == 30
    assert Settings.from_env({}).token_refresh_minutes == 120


def test_the_check_interval_takes_decimal_minutes_down_to_three_seconds() -> None:
    def interval(raw: str) -> float:
        return Settings.from_env({"KPIBOT_ALERT_INTERVAL": raw}).alert_interval_minutes

    assert interval("0.5") == 0.5  # 30 s
    assert interval("0.01") == 0.05  # below 3 s: 3 s (0.05 min x 60 = 3 s)
    assert interval("0") == 0.05
    assert interval("nan") == 15  # not a number of minutes: the default
    with pytest.raises(ConfigError, match="KPIBOT_ALERT_INTERVAL must be a number of minutes"):
        interval("soon")
