"""Which client serves a connection: the platforms kpibot syncs from, the fields each needs,
and the client built from a connection's sealed credentials and the settings (base URL and
API version overridable for proxies and tests)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.services import Services
from bot.settings import Settings
from storage.connections import ConnectionRec
from storage.errors import PlatformError
from storage.sync.meta import MetaClient
from storage.sync.source import Sleep, Source, real_sleep
from storage.vault import Vault


@dataclass(frozen=True)
class PlatformSpec:
    name: str  # the word in commands: meta, google-ads, linkedin, ga4
    label: str  # as people write it: Meta, Google Ads
    #: non-secret fields, then secret ones (read from a file, stdin or the modal)
    fields: tuple[str, ...]
    secrets: tuple[str, ...]


PLATFORMS: Mapping[str, PlatformSpec] = {
    "meta": PlatformSpec("meta", "Meta", ("account",), ("token",)),
}


def spec(word: str) -> PlatformSpec:
    found = PLATFORMS.get(word.strip().lower())
    if found is None:
        raise PlatformError("sync.error.unknown_platform", platform=word[:30])
    return found


def vault(settings: Settings) -> Vault:
    return Vault(settings.secret_keys)


def make_source(
    settings: Settings,
    platform: str,
    account: str,
    secrets: Mapping[str, str],
    api_url: str | None = None,
    sleep: Sleep = real_sleep,
) -> Source:
    """A client for these credentials (a new connection's check, or a stored one's sync)."""
    url = api_url or settings.platform_urls.get(platform)
    if platform == "meta":
        return MetaClient(
            account,
            secrets.get("token", ""),
            api_url=url,
            version=settings.meta_api_version,
            sleep=sleep,
        )
    raise PlatformError("sync.error.unknown_platform", platform=platform[:30])


def source_for(services: Services, conn: ConnectionRec, sleep: Sleep = real_sleep) -> Source:
    sealed = services.connections.sealed_secret(conn.team_id, conn.id) or ""
    secrets = vault(services.settings).open(sealed)
    return make_source(
        services.settings, conn.platform, conn.account_id, secrets, conn.api_url, sleep
    )
