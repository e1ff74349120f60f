"""A token's expiry, on SQLite and PostgreSQL: Meta's `/debug_token` read at connect and at
each sync (the earlier of `expires_at` and `data_access_expires_at`, 0 = never), shown in
the connection list, and the hourly check that warns the channel seven days ahead — at 7
days left in the workspace's calendar and not at 8, once per token, again after connecting
with a new token, never for a token already expired or a stopped connection; English and
Dutch. Slack is a recording client (it is outside the machine); Meta is the loopback fake.

By hand: today is 30 Nov 2026 (both_dbs.TODAY), the workspace's time zone Europe/Amsterdam
(UTC+1 in winter). A token expiring 7 Dec 2026 23:30 UTC expires 8 Dec 00:30 there: 8 days
from 30 Nov (no warning), 7 days from 1 Dec (the warning, naming 8 Dec 2026)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.services import Services
from bot.sync import texts
from bot.sync.expiry import warn_expiring
from bot.sync.sources import make_source, vault
from storage.models import Connection
from tests.bot.both_dbs import services_on  # noqa: F401 (fixture)
from tests.bot.sync.test_runner import ACT, TEAM, connect, meta, services, sync  # noqa: F401
from tests.fake_meta import FakeMeta

UTC = dt.UTC
DEC_7_2330 = dt.datetime(2026, 12, 7, 23, 30, tzinfo=UTC)  # 8 Dec 00:30 in Amsterdam


def epoch(when: dt.datetime) -> int:
    return int(when.timestamp())


class Recorder:
    """Stands in for Slack's WebClient: keeps what kpibot posted."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []

    def chat_postMessage(self, **kwargs: Any) -> dict[str, Any]:  # noqa: N802 (Slack's name)
        self.posts.append(kwargs)
        return {"ok": True, "ts": "1.0"}


@pytest.fixture
def slack(services: Services, monkeypatch: pytest.MonkeyPatch) -> Recorder:  # noqa: F811
    recorder = Recorder()
    monkeypatch.setattr(services.clients, "client_or_none", lambda team: recorder)
    return recorder


def on(services: Services, day: dt.date) -> Services:  # noqa: F811
    """The same services on another "today" (KPIBOT_TODAY)."""
    return dataclasses.replace(services, settings=dataclasses.replace(services.settings, today=day))


def stored_expiry(services: Services, conn_id: int) -> dt.datetime | None:  # noqa: F811
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None
    return conn.token_expires_at


def test_connect_reads_the_expiry_and_the_list_shows_it(
    services: Services,  # noqa: F811
    meta: FakeMeta,  # noqa: F811
) -> None:
    meta.expires_at = epoch(DEC_7_2330)
    source = make_source(services.settings, "meta", ACT, {"token": meta.token})
    expiry = source.token_expiry()
    assert expiry == DEC_7_2330
    call = meta.calls("/v25.0/debug_token")[0]
    assert call.query == {"input_token": meta.token}
    assert call.headers["Authorization"] == f"Bearer {meta.token}"
    services.repo.ensure_workspace(TEAM)
    conn = services.connections.save(
        TEAM, "meta", ACT, vault(services.settings).seal({"token": meta.token}),
        account_name="Acme", currency="EUR", timezone="Europe/Amsterdam", channel_id="C0SYNC",
        api_url=None, token_expires_at=expiry,
    )  # fmt: skip
    assert stored_expiry(services, conn.id) == DEC_7_2330
    line = texts.connection_line(conn, "Europe/Amsterdam", "en")
    assert line.endswith("· token expires 8 Dec 2026")
    assert "token verloopt 8 dec. 2026" in texts.connection_line(conn, "Europe/Amsterdam", "nl")
    # In UTC the same token expires on the 7th.
    assert "token expires 7 Dec 2026" in texts.connection_line(conn, "UTC", "en")


def test_the_earlier_of_the_two_expiries_and_zero_is_never(
    services: Services,  # noqa: F811
    meta: FakeMeta,  # noqa: F811
) -> None:
    source = make_source(services.settings, "meta", ACT, {"token": meta.token})
    assert source.token_expiry() is None  # both 0: a system user's token
    feb_28 = dt.datetime(2027, 2, 28, 10, 0, tzinfo=UTC)
    meta.data_access_expires_at = epoch(feb_28)
    assert source.token_expiry() == feb_28  # expires_at 0 (never), data access on 28 Feb
    meta.expires_at = epoch(DEC_7_2330)
    assert source.token_expiry() == DEC_7_2330  # 7 Dec comes before 28 Feb


def test_a_sync_learns_a_changed_expiry(services: Services, meta: FakeMeta) -> None:  # noqa: F811
    conn_id = connect(services, meta)
    assert stored_expiry(services, conn_id) is None
    meta.expires_at = epoch(DEC_7_2330)
    assert sync(services, conn_id).ok
    assert stored_expiry(services, conn_id) == DEC_7_2330
    assert meta.requests[-1].path == "/v25.0/debug_token"  # after the insights
    meta.expires_at = 0
    assert sync(services, conn_id).ok
    assert stored_expiry(services, conn_id) is None


def _expiring(services: Services, meta: FakeMeta, when: dt.datetime) -> int:  # noqa: F811
    meta.expires_at = epoch(when)
    conn_id = connect(services, meta)
    assert sync(services, conn_id).ok
    return conn_id


def test_warned_at_seven_days_not_at_eight_and_once(
    services: Services,  # noqa: F811
    meta: FakeMeta,  # noqa: F811
    slack: Recorder,
) -> None:
    _expiring(services, meta, DEC_7_2330)
    assert warn_expiring(on(services, dt.date(2026, 11, 30))) == 0  # 8 days left
    assert slack.posts == []
    assert warn_expiring(on(services, dt.date(2026, 12, 1))) == 1  # 7 days left
    assert len(slack.posts) == 1
    post = slack.posts[0]
    assert post["channel"] == "C0SYNC"
    said = post["blocks"][0]["text"]["text"]
    assert said.startswith(":warning: The Meta token of *Acme* (act_555) expires on 8 Dec 2026 "
                           "(in 7 days).")  # fmt: skip
    assert "open `/kpi connect meta` and paste it with the same ad account id (act_555)" in said
    assert warn_expiring(on(services, dt.date(2026, 12, 1))) == 0  # the next hour: not again
    assert warn_expiring(on(services, dt.date(2026, 12, 5))) == 0  # nor days later
    assert len(slack.posts) == 1


def test_a_new_token_is_warned_about_again(
    services: Services,  # noqa: F811
    meta: FakeMeta,  # noqa: F811
    slack: Recorder,
) -> None:
    conn_id = _expiring(services, meta, DEC_7_2330)
    assert warn_expiring(on(services, dt.date(2026, 12, 2))) == 1  # 6 days left
    assert "(in 6 days)" in slack.posts[0]["text"]
    # Connected again with a new token that expires 4 Jan 2027 12:00 UTC (13:00 there).
    jan_4 = dt.datetime(2027, 1, 4, 12, 0, tzinfo=UTC)
    meta.expires_at = epoch(jan_4)
    assert connect(services, meta) == conn_id  # the same connection, its warning cleared
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None and conn.token_expires_at == jan_4 and conn.expiry_warned_for is None
    assert warn_expiring(on(services, dt.date(2026, 12, 27))) == 0  # 8 days left
    assert warn_expiring(on(services, dt.date(2026, 12, 28))) == 1  # 7 days left
    assert "expires on 4 Jan 2027 (in 7 days)" in slack.posts[1]["text"]
    assert warn_expiring(on(services, dt.date(2026, 12, 29))) == 0
    assert len(slack.posts) == 2


def test_the_last_days_and_after_the_expiry(
    services: Services,  # noqa: F811
    meta: FakeMeta,  # noqa: F811
    slack: Recorder,
) -> None:
    _expiring(services, meta, DEC_7_2330)
    assert warn_expiring(on(services, dt.date(2026, 12, 9))) == 0  # expired the 8th: no warning
    assert warn_expiring(on(services, dt.date(2026, 12, 8))) == 1  # the day itself
    assert "(today)" in slack.posts[0]["text"]


def test_a_stopped_connection_is_not_warned(
    services: Services,  # noqa: F811
    meta: FakeMeta,  # noqa: F811
    slack: Recorder,
) -> None:
    conn_id = _expiring(services, meta, DEC_7_2330)
    with Session(services.engine) as session, session.begin():
        session.execute(
            update(Connection).where(Connection.id == conn_id).values(stopped="sync.error.token")
        )
    assert warn_expiring(on(services, dt.date(2026, 12, 3))) == 0
    assert slack.posts == []


def test_in_dutch(services: Services, meta: FakeMeta, slack: Recorder) -> None:  # noqa: F811
    _expiring(services, meta, DEC_7_2330)
    services.repo.update_workspace(TEAM, locale="nl")
    assert warn_expiring(on(services, dt.date(2026, 12, 7))) == 1  # 1 day left
    said = slack.posts[0]["text"]
    assert said.startswith(":warning: Het Meta-token van *Acme* (act_555) verloopt op 8 dec. 2026 "
                           "(morgen).")  # fmt: skip
    assert "open dan `/kpi koppel meta`" in said


def test_one_claim_per_token(services: Services, meta: FakeMeta) -> None:  # noqa: F811
    conn_id = _expiring(services, meta, DEC_7_2330)
    claims = [services.connections.claim_warning(conn_id, DEC_7_2330) for _ in range(3)]
    assert claims == [True, False, False]
    later = DEC_7_2330 + dt.timedelta(days=30)
    assert not services.connections.claim_warning(conn_id, later)  # not the stored expiry
    services.connections.note_expiry(conn_id, later)  # the platform extended it
    assert services.connections.claim_warning(conn_id, later)


def test_google_ads_and_linkedin_clients_tell_no_expiry(services: Services) -> None:  # noqa: F811
    google = make_source(
        services.settings,
        "google-ads",
        "123-456-7890",
        {"developer_token": "d", "client_id": "c", "client_secret": "s", "refresh_token": "r"},
    )
    assert google.token_expiry() is None
    linkedin = make_source(services.settings, "linkedin", "123456", {"token": "t"})
    assert linkedin.token_expiry() is None
