"""`kpibot connect|connections|disconnect|sync`: the same as the Slack commands, for
operators and scripts. Secrets come from a file or standard input (`--token-file -`),
never from an argument (arguments show up in `ps` and shell history)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from bot.errors import CliError
from bot.services import Services
from bot.sync import texts
from bot.sync.expiry import told_expiry
from bot.sync.runner import Progress, sync_connection
from bot.sync.sources import PLATFORMS, make_source, spec, vault
from bot.terminal import open_services, out, resolve_team
from bot.texts import t
from storage.connections import ConnectionRec
from storage.errors import PlatformError, VaultError

MAX_SECRET = 64 * 1024


def _read_secret(path: str) -> str:
    try:
        if path == "-":
            text = sys.stdin.read(MAX_SECRET)
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read(MAX_SECRET)
    except OSError as exc:
        raise CliError(f"Cannot read the token file {path}: {exc.strerror}.") from exc
    text = text.strip()
    if not text:
        raise CliError(f"The token file {path} is empty.")
    return text


def _secrets(
    args: argparse.Namespace, wanted: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, str]:
    """`--token-file` (one token) or `--secrets-file` (a JSON object of the platform's
    secrets: Google Ads developer_token, client_id, client_secret, refresh_token; LinkedIn
    token and, all three or none, refresh_token, client_id, client_secret)."""
    if args.secrets_file and wanted == ("key",):  # GA4: the service account's key file
        return {"key": _read_secret(args.secrets_file)}
    if args.secrets_file:
        try:
            data = json.loads(_read_secret(args.secrets_file))
        except ValueError as exc:
            raise CliError(f"{args.secrets_file} is not a JSON object.") from exc
        found = {str(k): str(v) for k, v in dict(data).items()} if isinstance(data, dict) else {}
    elif args.token_file:
        found = {"token": _read_secret(args.token_file)}
    else:
        raise CliError(
            "Give the credentials with --token-file FILE or --secrets-file FILE (- for stdin)."
        )
    missing = [name for name in wanted if not found.get(name)]
    if missing:
        raise CliError(f"The credentials lack {', '.join(missing)}.")
    extra = [name for name in optional if found.get(name)]
    if extra and len(extra) < len(optional):
        lacking = ", ".join(name for name in optional if name not in extra)
        raise CliError(f"The credentials give {', '.join(extra)} but lack {lacking}: "
                       "give all of them or none.")  # fmt: skip
    return {name: found[name] for name in (*wanted, *extra)}


def _fail(exc: PlatformError | VaultError) -> CliError:
    if isinstance(exc, VaultError):
        return CliError(str(exc))
    return CliError(texts.error_text(exc.key, dict(exc.args_), exc.detail, "en"))


def cmd_connect(args: argparse.Namespace) -> int:
    services = open_services(args)
    team = resolve_team(services, args.team)
    try:
        platform = spec(args.platform)
        box = vault(services.settings)
        secrets = _secrets(args, platform.secrets, platform.optional_secrets)
        config = {"login_customer": args.login_customer} if args.login_customer else {}
        source = make_source(services.settings, platform.name, args.account, secrets,
                             args.api_url, config=config)  # fmt: skip
        info = source.check()
        _asked, expires_at = told_expiry(source)
        services.repo.ensure_workspace(team)
        services.connections.save(
            team, platform.name, info.account_id, box.seal(secrets), account_name=info.name,
            currency=info.currency, timezone=info.timezone, channel_id=args.channel,
            api_url=args.api_url, config=config, created_by="cli", token_expires_at=expires_at,
        )  # fmt: skip
    except (PlatformError, VaultError) as exc:
        raise _fail(exc) from exc
    days = max(services.settings.sync_backfill_days, source.lookback_days)
    out(texts.connected(info, platform.name, days, "en").replace("*", ""))
    return 0


def cmd_connections(args: argparse.Namespace) -> int:
    services = open_services(args)
    team = resolve_team(services, args.team)
    store = services.connections
    found = store.of_team(team)
    if args.rotate_keys:
        return _rotate(services, team, [c.id for c in found])
    if not found:
        out(t("sync.none", "en"))
    zone = services.repo.ensure_workspace(team).timezone
    for conn in found:
        out(texts.connection_line(conn, zone, "en").replace("*", ""))
    return 0


def _rotate(services: Services, team: str, ids: list[int]) -> int:
    try:
        resealed = services.connections.reseal(team, ids, vault(services.settings).reseal)
    except VaultError as exc:
        raise CliError(str(exc)) from exc
    out(f"{resealed} credential(s) sealed again with the first key of KPIBOT_SECRET_KEY.")
    return 0


def cmd_disconnect(args: argparse.Namespace) -> int:
    services = open_services(args)
    team = resolve_team(services, args.team)
    store = services.connections
    wanted = args.account.strip()
    for conn in store.of_team(team, args.platform):
        if wanted in (conn.account_id, conn.account_id.removeprefix("act_")):
            store.remove(team, conn.id)
            out(t("sync.disconnected", "en", platform=texts.label(conn.platform),
                        account=conn.account_id))  # fmt: skip
            return 0
    raise CliError(t("sync.not_found", "en", which=f"{args.platform} {wanted}"))


def cmd_sync(args: argparse.Namespace) -> int:
    services = open_services(args)
    teams = [resolve_team(services, args.team)] if args.team else [
        w.team_id for w in services.repo.list_workspaces()
    ]  # fmt: skip
    since = dt.date.fromisoformat(args.since) if args.since else None
    failed = 0
    for team in teams:
        for conn in services.connections.of_team(team, args.platform):
            if conn.stopped:
                out(texts.connection_line(conn, "UTC", "en").replace("*", ""))
                failed += 1
                continue

            def step(progress: Progress, conn: ConnectionRec = conn) -> None:
                sys.stderr.write(f"{conn.account_id}: {progress.done_days}/{progress.total_days} "
                                 f"days, {progress.rows} rows\n")  # fmt: skip

            report = sync_connection(services, conn, since=since, progress=step)
            for line in texts.report_lines(report, "en"):
                out(line.replace("*", ""))
            failed += not report.ok
    return 1 if failed else 0


def _date(text: str) -> str:
    try:
        dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date like 2026-11-01: {text!r}") from exc
    return text


def add_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("connect", help="connect an ad platform account (checks it first)")
    p.add_argument("platform", choices=sorted(PLATFORMS))
    p.add_argument("--team", help="Slack workspace ID (optional with one workspace)")
    p.add_argument(
        "--account",
        required=True,
        help="Meta: act_<digits>; Google Ads: customer id 123-456-7890; LinkedIn: account digits",
    )
    p.add_argument(
        "--token-file", help="Meta, LinkedIn: file holding the access token, or - for stdin"
    )
    p.add_argument(
        "--secrets-file",
        help="Google Ads: JSON with developer_token, client_id, client_secret, refresh_token; "
        "LinkedIn: JSON with token and, to renew it, refresh_token, client_id, client_secret; "
        "GA4: the service account's key file (or - for stdin)",
    )
    p.add_argument("--login-customer", help="Google Ads: the manager account's customer id")
    p.add_argument("--api-url", help="another base URL for the platform's API (proxy, tests)")
    p.add_argument("--channel", help="Slack channel ID the sync reports to")
    p.set_defaults(func=cmd_connect)

    p = sub.add_parser("connections", help="list the connected platform accounts")
    p.add_argument("--team", help="Slack workspace ID (optional with one workspace)")
    p.add_argument(
        "--rotate-keys",
        action="store_true",
        help="seal every stored credential again with the first key of KPIBOT_SECRET_KEY",
    )
    p.set_defaults(func=cmd_connections)

    p = sub.add_parser("disconnect", help="remove a connection (its numbers stay)")
    p.add_argument("platform", choices=sorted(PLATFORMS))
    p.add_argument("account")
    p.add_argument("--team", help="Slack workspace ID (optional with one workspace)")
    p.set_defaults(func=cmd_disconnect)

    p = sub.add_parser("sync", help="fetch the platforms' numbers now")
    p.add_argument("--team", help="only this Slack workspace ID")
    p.add_argument("--platform", choices=sorted(PLATFORMS))
    p.add_argument("--since", type=_date, help="first day to fetch (YYYY-MM-DD)")
    p.set_defaults(func=cmd_sync)
