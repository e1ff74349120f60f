"""`kpibot demo`: eight weeks of made-up numbers for two campaigns in a demo workspace, then
the answers to a few `/kpi` commands — a look at kpibot without Slack or an export."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from bot.dispatch import answer, make_ctx
from bot.feature import Feature
from bot.imports.importing import run_import
from bot.render_text import render
from bot.terminal import open_services

TEAM = "TDEMO0001"
ASKED = ("list", "roi summer-sale", "engagement summer-sale last week", "report brand-awareness")


def demo_csv(last_day: dt.date, weeks: int = 8) -> bytes:
    """Deterministic daily rows for two campaigns on two platforms, ending at `last_day`."""
    lines = ["date,campaign,platform,impressions,reach,likes,comments,shares,clicks,"
             "conversions,revenue,spend"]  # fmt: skip
    for back in range(weeks * 7 - 1, -1, -1):
        day = last_day - dt.timedelta(days=back)
        for c, campaign in enumerate(("Summer Sale", "Brand Awareness")):
            for p, platform in enumerate(("facebook", "instagram")):
                base = 2000 + 150 * ((back * 7 + c * 3 + p * 5) % 11)
                conversions = (base // 400) if c == 0 else 0
                lines.append(
                    f"{day},{campaign},{platform},{base},{base * 7 // 10},{base // 45},"
                    f"{base // 400},{base // 900},{base // 60},{conversions},"
                    f"{conversions * 39.5:.2f},{base * 0.011:.2f}"
                )
    return ("\n".join(lines) + "\n").encode()


def cmd_demo(args: argparse.Namespace) -> int:
    services = open_services(args)
    ctx = make_ctx(services, TEAM, team_name="demo")
    outcome = run_import(services, TEAM, demo_csv(ctx.today - dt.timedelta(days=1)))
    assert outcome.ok, outcome.parsed.problems
    for text in ASKED:
        sys.stdout.write(f"\n$ /kpi {text}\n{render(answer(services, ctx, text).blocks)}\n")
    sys.stdout.write(f'\nTry more: kpibot ask "cpa summer-sale 30d" --team {TEAM}\n')
    return 0


def add_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("demo", help="load demo numbers and show a few answers")
    parser.set_defaults(func=cmd_demo)


FEATURE = Feature(name="demo", cli=add_cli)
