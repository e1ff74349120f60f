"""Names from outside can never mention, link or disguise a link: hostile campaign names,
platforms, CSV headers, file names and typed text go through every builder — the replies to
`/kpi` (kpi, report, compare, list, targets, alerts, refusals that echo what was typed),
the import report, the digest, the alert message, the target modals and "Share in
channel" — with real imports into SQLite, and nothing Slack would read as a mention or a
link comes out except the one mention kpibot adds itself."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot import responder
from bot.alerts import modal
from bot.alerts.blocks import AlertView, alert_blocks, alert_text
from bot.blocks.mrkdwn import mention
from bot.digests.data import build
from bot.dispatch import answer, make_ctx
from bot.features import FEATURES
from bot.imports.blocks import report_blocks
from bot.imports.importing import run_import
from bot.posting import Pacer, Poster
from bot.services import Services
from bot.settings import Settings
from kpi.periods import Period
from kpi.targets import Alert, Evaluation, TargetSpec
from storage.targets.repo import TargetRepository

TODAY = dt.date(2026, 11, 30)
ATTACKS = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!subteam^S0123>",
    "<@U0123ABC>",
    "<@W0123ABC>",
    "<#C0123ABC>",
    "<#C0123ABC|general>",
    "<https://evil.example|Click to verify>",
    "<http://evil.example>",
    "<mailto:x@evil.example|mail>",
    "<!date^1392734382^{date}|Feb 18>",
    "&lt;!channel&gt;",
    "&lt;",
    "&amp;",
    "<",
    ">",
    "&",
    "\ue000@U0123ABC\ue001" + "0" * 16 + "\ue002",  # a forged placeholder
]
#: What Slack reads as a mention, a broadcast, a channel link, a date or a link.
MARKUP = re.compile(r"<(?:[!@#]|https?:|mailto:)[^>]*>")
#: Fields Slack never shows as text.
HIDDEN = {"value", "action_id", "block_id", "callback_id", "private_metadata", "type", "style"}

_filler = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=6)
hostile = st.sampled_from(ATTACKS) | st.builds(
    lambda a, b, c: f"{a}{b}{c}".strip(), _filler, st.sampled_from(ATTACKS), _filler
)
_teams = itertools.count(1)


class RecordingClient:
    """Slack's WebClient as far as the poster uses it: records every call's arguments."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def chat_postMessage(self, **kw: Any) -> dict[str, Any]:  # noqa: N802 (Slack's name)
        self.calls.append(kw)
        return {"ts": "1.2"}

    def files_upload_v2(self, **kw: Any) -> dict[str, Any]:
        self.calls.append({k: v for k, v in kw.items() if k != "file_uploads"})
        self.calls += [{k: v for k, v in f.items() if k != "content"} for f in kw["file_uploads"]]
        return {"ok": True}


def markup_in(obj: object) -> list[str]:
    """Every mention or link in the texts of a Block Kit value (or a message body)."""
    found: list[str] = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key not in HIDDEN:
                found += markup_in(value)
    elif isinstance(obj, list):
        for item in obj:
            found += markup_in(item)
    elif isinstance(obj, str):
        found += MARKUP.findall(obj)
    return found


def shown(obj: object) -> str:
    """All texts as Slack shows them (entities decoded once)."""
    text = json.dumps(obj, ensure_ascii=False)
    texts = re.findall(r'"text": "((?:[^"\\]|\\.)*)"', text)
    joined = "\n".join(json.loads(f'"{t}"') for t in texts)
    return joined.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    path: Path = tmp_path_factory.mktemp("escaping") / "k.db"
    svc = Services.open(Settings(database_url=f"sqlite:///{path}", today=TODAY), FEATURES)
    yield svc
    svc.engine.dispose()


def export(names: list[str], platform: str, header: str = "revenue") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "campaign", "platform", "impressions", "clicks", "spend", header])
    for i in range(14):
        day = (dt.date(2026, 11, 16) + dt.timedelta(days=i)).isoformat()
        for name in names:
            writer.writerow([day, name, platform if i % 2 else "facebook", 1000, 20 + i, 10, 1])
    return out.getvalue().encode()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=hostile,
    platform=st.sampled_from([a for a in ATTACKS if len(a) <= 30]),  # platforms: 30 at most
    header=st.sampled_from(ATTACKS),
    typed=hostile,
    filename=hostile,
)
@example(  # a no-break space inside a name: stored, and shown, as one plain space
    name="<!here>\xa0 Zomer", platform="<!channel>", header=ATTACKS[0], typed="x", filename="f"
)
def test_no_builder_lets_a_name_mention_or_link(
    services: Services, name: str, platform: str, header: str, typed: str, filename: str
) -> None:
    team = f"T{next(_teams):08d}"
    names = [f"{name} Promo", f"{name} Sale"]
    ctx = make_ctx(services, team, user_id="U0SHARER", channel_id="C0CHAN", channel_name="x")
    # an unknown column: refused or ignored, the report names it either way
    odd = run_import(services, team, export(names, "facebook", header + "x"))
    outcome = run_import(services, team, export(names, platform.lower() or "x"))
    assert outcome.ok, outcome.parsed.problems
    slugs = [c.slug for c in services.repo.list_campaigns(team)]
    a, b = slugs[0], slugs[-1]

    produced: list[object] = [
        report_blocks(odd, ctx, filename=filename),
        report_blocks(outcome, ctx, filename=filename),
    ]
    commands = [
        "list",
        f"roi {a}",
        f"ctr all 2026-11-16..2026-11-29 on {platform}",
        f"report {a}",
        f"compare {a} {b}",
        f"target {a} ctr >= 1% by 2027-03-31",
        f"target {a} ctr >= {typed} by 2027-03-31",
        "targets",
        "alerts",
        "digest preview",
        f"roi {typed}",
        typed,
        f"report {a} {typed}",
        f"log {a} 2026-11-29 clicks={typed}",
        f"cost {a} {typed} tools",
        f"settings timezone {typed}",
    ]
    replies = [answer(services, ctx, command) for command in commands]
    for reply in replies:
        produced += [reply.blocks, responder.message(reply)]
    shared_by = ctx.t("reply.shared_by", user=mention(ctx.user_id), command=f"/kpi {typed}")
    sharing = responder.message(replies[3], in_channel=True, shared_by=shared_by)

    # what the poster sends for a digest and an alert (fallback text, file title and alt text)
    client = RecordingClient()
    poster = Poster(client, Pacer(interval=0))  # type: ignore[arg-type]
    week = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")
    built = build(services, team, None, week, charts=False, note=typed)
    poster.post("C0", text=built.text, blocks=built.blocks)
    poster.upload("C0", [{"content": b"", "filename": "x.png", "title": name, "alt_txt": name}])
    spec = TargetSpec("ctr", ">=", 4.0, dt.date(2026, 12, 31))
    evaluation = Evaluation("below", 2.0, spec.shortfall(2.0), week.start, week.end, ())
    view = AlertView(1, name, spec, "en", "EUR")
    alert = Alert("below", "ok", "below", evaluation)
    poster.post("C0", text=alert_text(view, alert), blocks=alert_blocks(view, alert))
    produced += client.calls

    campaigns = services.repo.list_campaigns(team)
    produced.append(modal.new_target_view("en", campaigns, channel_id="C0", today=TODAY))
    target = TargetRepository(services.engine).list_targets(team)[0]
    produced.append(modal.edit_target_view("nl", target, TODAY))

    leaked = [m for item in produced for m in markup_in(item)]
    assert leaked == []
    assert markup_in(sharing) == ["<@U0SHARER>"]  # the one mention kpibot adds itself
    # names are shown as they came (runs of whitespace read as one space, as every import
    # stores a name), not swallowed
    assert " ".join(names[0].split()) in shown(replies[0].blocks)
    assert platform.lower() in shown(replies[1].blocks)  # the split by platform
