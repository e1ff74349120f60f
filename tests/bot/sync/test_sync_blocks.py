"""The connect form and the sync's message within Block Kit's limits, in both languages,
with hostile account names shown as text."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.blocks.common import section
from bot.sync import texts
from bot.sync.modal import connect_view
from bot.sync.runner import SyncReport
from bot.sync.sources import PLATFORMS
from storage.connections import ConnectionRec
from storage.sync_store import Restated
from tests.slack_limits import problems, view_problems

CONN = ConnectionRec(
    id=1, team_id="T1", platform="meta", account_id="act_1", account_name="<!channel> & Co",
    currency="EUR", timezone="Europe/Amsterdam", channel_id="C1", api_url=None, config={},
    synced_through=None, last_sync_at=None, last_status=None, last_error=None,
    next_run_at=None, stopped=None,
)  # fmt: skip


@pytest.mark.parametrize("locale", ["en", "nl"])
@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_the_forms_are_within_the_limits(locale: str, platform: str) -> None:
    spec = PLATFORMS[platform]
    view = connect_view(spec, locale, "C1")
    assert view_problems(view) == []
    assert [b["block_id"] for b in view["blocks"]] == [
        *spec.fields,
        *spec.secrets,
        *spec.optional_secrets,
    ]
    assert [b["optional"] for b in view["blocks"]] == [
        name in spec.optional or name in spec.optional_secrets
        for name in (*spec.fields, *spec.secrets, *spec.optional_secrets)
    ]


def test_the_meta_form_asks_for_the_account_and_the_token() -> None:
    view = connect_view(PLATFORMS["meta"], "en", "C1")
    assert [b["label"]["text"] for b in view["blocks"]] == [
        "Ad account id",
        "Access token (a system user's)",
    ]


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_a_long_restatement_list_is_cut_and_counted(locale: str) -> None:
    restated = [
        Restated(
            "summer-sale", dt.date(2026, 11, 1) + dt.timedelta(days=i), "conversions", i, i + 1
        )
        for i in range(40)
    ]
    report = SyncReport(CONN, dt.date(2026, 11, 1), dt.date(2026, 11, 29), 80, 0, 40, restated)
    lines = texts.report_lines(report, locale)
    assert len(lines) == 2 + texts.MAX_RESTATED + 1
    assert "25" in lines[-1]  # 40 - 15 more
    blocks = [section("\n".join(lines))]
    assert problems(blocks) == []
    assert "&lt;!channel&gt; &amp; Co" in blocks[0]["text"]["text"]
