"""Publishing a person's Home tab: their locale from Slack (users.info with include_locale),
the sparklines uploaded once per change (files_upload_v2 without a channel: a file of the
bot, shown with image blocks by its `slack_file` id; the hash of the data → file id is
stored, so an unchanged sparkline is never uploaded again), then views.publish.

`refresh_due` is the debounced rebuild: after an import or a `/kpi log` every Home of the
workspace is marked changed (`mark_changed`), and so is one whose workspace has a newer
alert event than the Home showed; a job republishes those at most once per
KPIBOT_HOME_DEBOUNCE_SECONDS per person, and only for people who opened Home before.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks.mrkdwn import plain
from bot.home.blocks import home_view
from bot.home.data import HomeData, load_home
from bot.home.gaps import gap_notes
from bot.home.unusual import unusual_flags
from bot.services import Services
from bot.texts import t
from kpi.i18n import normalise_locale
from kpi.sparkline import draw_spark, spark_hash
from storage.rows import utcnow

log = logging.getLogger(__name__)


def user_locale(services: Services, client: WebClient, team_id: str, user_id: str) -> str:
    """The person's Slack locale ("nl-NL" → "nl"), else the workspace's."""
    try:
        answer = client.users_info(user=user_id, include_locale=True)
        found = (answer.get("user") or {}).get("locale")
        if isinstance(found, str) and found:
            return normalise_locale(found)
    except (SlackApiError, OSError) as exc:  # the workspace's language is a fine answer
        log.warning("users.info for %s failed (%s); the workspace's language it is", user_id, exc)
    return services.repo.ensure_workspace(team_id).locale


def sparkline_files(services: Services, client: WebClient, data: HomeData) -> dict[int, str]:
    """Campaign id → Slack file id of its sparkline, uploading only sparklines whose data
    changed since their last upload. A failed upload leaves that campaign without one."""
    home = services.home
    found: dict[int, str] = {}
    for card in data.cards:
        if card.spark is None or not card.spark.drawable:
            continue
        key, digest = f"spark:{card.campaign.id}", spark_hash(card.spark)
        file_id = home.chart_file(data.team_id, key, digest)
        if file_id is None:
            title = f"{card.campaign.slug} · {t(f'kpi.{card.spark.kpi}.label', data.locale)}"
            try:
                answer = client.files_upload_v2(
                    content=draw_spark(card.spark),
                    filename=f"spark-{card.campaign.slug[:60]}.png",
                    title=plain(title),
                )
            except (SlackApiError, OSError) as exc:
                log.warning("sparkline of %s not uploaded: %s", card.campaign.slug, exc)
                continue
            files = answer.get("files") or [answer.get("file") or {}]
            file_id = str(files[0].get("id") or "") or None
            if file_id is None:
                continue
            home.store_chart_file(data.team_id, key, digest, file_id)
        found[card.campaign.id] = file_id
    return found


def publish(
    services: Services,
    client: WebClient,
    team_id: str,
    user_id: str,
    locale: str | None = None,
    *,
    page: int | None = None,
) -> HomeData:
    """Build and publish `user_id`'s Home (in `locale`, else the one stored when they
    opened it), `page` (else the one they were on); records when it went out."""
    home = services.home
    user = home.get_user(team_id, user_id)
    if user is None or locale is not None:
        locale = locale or services.repo.ensure_workspace(team_id).locale
        user = home.opened(team_id, user_id, locale)
    if page is not None:
        home.set_page(team_id, user_id, page)
    data = load_home(services, team_id, user_id, user.locale, user.page if page is None else page)
    files = sparkline_files(services, client, data)
    flags = unusual_flags(services, data)
    view = home_view(data, files, flags, gap_notes(services, data))
    try:
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as exc:
        # A file uploaded a moment ago may not be ready to show yet: publish without the
        # images rather than not at all (the next rebuild shows them).
        if str(exc.response.get("error", "")) != "invalid_blocks" or not files:
            raise
        log.warning("Home of %s refused with its images (%s): published without", user_id, exc)
        client.views_publish(user_id=user_id, view=home_view(data, {}, flags))
    home.mark_published(team_id, user_id, utcnow(), data.newest_event_id)
    return data


def mark_changed(services: Services, team_id: str) -> None:
    """Something every Home of the workspace shows changed (an import, a log)."""
    services.home.mark_dirty(team_id)


def due(
    published_at: dt.datetime | None,
    changed: bool,
    now: dt.datetime,
    debounce: dt.timedelta,
) -> bool:
    """A Home is republished when it changed and its last publish is `debounce` ago."""
    return changed and (published_at is None or now - published_at >= debounce)


def refresh_due(
    services: Services, client: WebClient | None = None, now: dt.datetime | None = None
) -> int:
    """Republish every Home that changed and was not published within the debounce; the
    number republished. Never raises for one person's failure."""
    if not services.settings.bot_token and not services.settings.oauth:
        return 0
    given = client
    clients: dict[str, WebClient | None] = {}
    home = services.home
    now = now or utcnow()
    debounce = dt.timedelta(seconds=services.settings.home_debounce_seconds)
    newest: Mapping[str, int] = {}
    done = 0
    for user in home.list_users():
        if user.team_id not in newest:
            newest = {**newest, user.team_id: home.newest_event_id(user.team_id)}
        changed = user.dirty or newest[user.team_id] > user.seen_event_id
        if not due(user.published_at, changed, now, debounce):
            continue
        if user.team_id not in clients:  # each workspace's Home with its own token
            clients[user.team_id] = given or services.clients.client_or_none(user.team_id)
        team_client = clients[user.team_id]
        if team_client is None:
            continue
        try:
            publish(services, team_client, user.team_id, user.user_id)
            done += 1
        except Exception:
            log.exception("Home of %s/%s not republished", user.team_id, user.user_id)
    return done
