"""Render the App Home and the digest from `kpibot demo`'s numbers for a look before a
release (issue 13's "How to show it"): the Home view JSON for 0, 1 and 200 campaigns, the
digest's headline and thread blocks, the sparkline PNGs and the digest chart PNGs, written
to an output folder (default /tmp/review/). Nothing talks to Slack: sparklines get made-up
file ids, so their image blocks show where they go. Each JSON is what Block Kit Builder
takes; every surface is checked against Slack's limits (tests/slack_limits.py).

    .venv/bin/python tools/review_render.py [--out /tmp/review] [--today 2026-12-03] [--locale nl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.demo import demo_csv  # noqa: E402
from bot.digests.data import build  # noqa: E402
from bot.features import FEATURES  # noqa: E402
from bot.home.blocks import home_view  # noqa: E402
from bot.home.data import load_home  # noqa: E402
from bot.home.gaps import gap_notes  # noqa: E402
from bot.home.unusual import unusual_flags  # noqa: E402
from bot.imports.importing import run_import  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from kpi.periods import last_complete_week  # noqa: E402
from kpi.sparkline import draw_spark  # noqa: E402
from storage.targets.repo import TargetRepository  # noqa: E402
from tests.slack_limits import problems  # noqa: E402

USER = "UREVIEW01"
EMPTY, ONE, DEMO, MANY = "TREVIEW00", "TREVIEW01", "TREVIEW02", "TREVIEW99"


def only(csv: bytes, campaign: str) -> bytes:
    lines = csv.decode().splitlines()
    return ("\n".join([lines[0]] + [x for x in lines[1:] if f",{campaign}," in x]) + "\n").encode()


def many(csv: bytes, count: int) -> bytes:
    """`count` campaigns: the demo's Summer Sale rows under other names, spend scaled so
    each sorts in its own place."""
    lines = csv.decode().splitlines()
    rows = [x.split(",") for x in lines[1:] if ",Summer Sale," in x]
    out = [lines[0]]
    for n in range(count):
        for row in rows:
            spend = float(row[-1]) * (1 + n / 50)
            out.append(",".join([row[0], f"Campaign {n:03d}", *row[2:-1], f"{spend:.2f}"]))
    return ("\n".join(out) + "\n").encode()


def load(services: Services, team: str, csv: bytes) -> None:
    outcome = run_import(services, team, csv)
    assert outcome.ok, outcome.parsed.problems


def home(services: Services, team: str, locale: str, out: Path, name: str) -> dict[str, Any]:
    data = load_home(services, team, USER, locale)
    files = {}
    for card in data.cards:
        if card.spark is not None and card.spark.drawable:
            png = out / f"spark-{name}-{card.campaign.slug}.png"
            png.write_bytes(draw_spark(card.spark))
            files[card.campaign.id] = f"FSPARK{card.campaign.id:06d}"
    view = home_view(data, files, unusual_flags(services, data), gap_notes(services, data))
    report(name, view["blocks"], "home")
    return view


def report(name: str, blocks: list[dict[str, Any]], surface: str) -> None:
    found = problems(blocks, surface)
    longest = max((len(json.dumps(b, ensure_ascii=False)) for b in blocks), default=0)
    state = "within Slack's limits" if not found else f"BREAKS: {found}"
    sys.stdout.write(f"{name}: {len(blocks)} blocks, longest block {longest} chars, {state}\n")


def save(path: Path, payload: dict[str, Any]) -> None:
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/review"))
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--locale", choices=("en", "nl"), default="en")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'review.db'}"
        services = Services.open(Settings(database_url=url, today=args.today), FEATURES)
        csv = demo_csv(args.today - dt.timedelta(days=1))
        load(services, ONE, only(csv, "Summer Sale"))
        load(services, DEMO, csv)
        load(services, MANY, many(csv, 200))
        for team in (EMPTY, ONE, DEMO, MANY):
            services.repo.ensure_workspace(team)
        rec = services.repo.find_campaign(ONE, "summer-sale")
        assert rec is not None
        TargetRepository(services.engine).add_target(
            ONE, campaign_id=rec.id, kpi="roi", op=">=", value=150.0,
            deadline=args.today + dt.timedelta(days=28), channel_id="CREVIEW01",
        )  # fmt: skip
        for team, name in ((EMPTY, "home_0"), (ONE, "home_1"), (MANY, "home_200")):
            save(out / f"{name}.json", home(services, team, args.locale, out, name))
        services.repo.update_workspace(DEMO, locale=args.locale)
        built = build(services, DEMO, None, last_complete_week(args.today))
        report("digest headline", built.headline, "message")
        report("digest thread", built.blocks, "message")
        save(out / "digest_headline.json", {"blocks": built.headline})
        save(out / "digest_thread.json", {"blocks": built.blocks})
        save(out / "digest.json", {"headline": built.headline, "thread": built.blocks})
        for chart in built.charts:
            (out / f"digest-{chart.filename}").write_bytes(chart.png)
            sys.stdout.write(f"chart {chart.filename}: {chart.title} — alt: {chart.alt_text}\n")
        services.engine.dispose()
    sys.stdout.write(f"written to {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
