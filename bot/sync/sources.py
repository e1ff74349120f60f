"""Which client serves a connection: the platforms kpibot syncs from, the fields each needs
(the account, optional settings, then the secrets), and the client built from a
connection's sealed credentials and the settings (base URL, token URL and API version
overridable for proxies and tests)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.services import Services
from bot.settings import Settings
from storage.connections import ConnectionRec
from storage.errors import PlatformError
from storage.sync.ga4 import Ga4Client, property_id
from storage.sync.google_ads import GoogleAdsClient, customer_id
from storage.sync.linkedin import REFRESH_SECRETS, LinkedInClient, ad_account
from storage.sync.meta import MetaClient
from storage.sync.meta import account_id as meta_account
from storage.sync.source import Sleep, Source, real_sleep
from storage.vault import Vault


@dataclass(frozen=True)
class PlatformSpec:
    name: str  # the word in commands: meta, google-ads
    label: str  # as people write it: Meta, Google Ads
    #: what is not secret: "account" first, then optional settings (kept in `config`)
    fields: tuple[str, ...]
    #: what is sealed (read from a file, stdin or the form)
    secrets: tuple[str, ...]
    optional: frozenset[str] = frozenset()
    #: sealed too when given, all of them or none (LinkedIn's refresh token and app)
    optional_secrets: tuple[str, ...] = ()


PLATFORMS: Mapping[str, PlatformSpec] = {
    "meta": PlatformSpec("meta", "Meta", ("account",), ("token",)),
    "google-ads": PlatformSpec(
        "google-ads",
        "Google Ads",
        ("account", "login_customer"),
        ("developer_token", "client_id", "client_secret", "refresh_token"),
        frozenset({"login_customer"}),
    ),
    "linkedin": PlatformSpec(
        "linkedin",
        "LinkedIn",
        ("account",),
        ("token",),
        optional_secrets=("refresh_token", "client_id", "client_secret"),
    ),  # fmt: skip
    "ga4": PlatformSpec("ga4", "GA4", ("account",), ("key",)),
}


def spec(word: str) -> PlatformSpec:
    found = PLATFORMS.get(word.strip().lower())
    if found is None:
        raise PlatformError("sync.error.unknown_platform", platform=word[:30])
    return found


def given_secrets(platform: PlatformSpec, values: Mapping[str, str]) -> dict[str, str]:
    """The secrets to seal: the required ones and the optional ones that were given."""
    names = (*platform.secrets, *platform.optional_secrets)
    return {name: values[name] for name in names if values.get(name)}


def partial_secrets(platform: PlatformSpec, values: Mapping[str, str]) -> str | None:
    """The first optional secret missing when others of its set were given, else None."""
    given = [name for name in platform.optional_secrets if values.get(name)]
    if not given or len(given) == len(platform.optional_secrets):
        return None
    return next(name for name in platform.optional_secrets if not values.get(name))


def normalise(platform: str, account: str) -> str:
    """The account id as the platform's API wants it (PlatformError naming the format)."""
    if platform == "meta":
        return meta_account(account)
    if platform == "google-ads":
        return customer_id(account)
    if platform == "linkedin":
        return ad_account(account)
    if platform == "ga4":
        return property_id(account)
    return account.strip()


def vault(settings: Settings) -> Vault:
    return Vault(settings.secret_keys)


def make_source(
    settings: Settings,
    platform: str,
    account: str,
    secrets: Mapping[str, str],
    api_url: str | None = None,
    sleep: Sleep = real_sleep,
    config: Mapping[str, Any] | None = None,
) -> Source:
    """A client for these credentials (a new connection's check, or a stored one's sync)."""
    url = api_url or settings.platform_urls.get(platform)
    config = config or {}
    if platform == "meta":
        return MetaClient(
            account, secrets.get("token", ""), api_url=url, version=settings.meta_api_version,
            sleep=sleep,
        )  # fmt: skip
    if platform == "google-ads":
        return GoogleAdsClient(
            account, secrets, login_customer=config.get("login_customer") or None, api_url=url,
            token_url=settings.platform_urls.get("google-token"),
            version=settings.google_ads_api_version, sleep=sleep,
        )  # fmt: skip
    if platform == "linkedin":
        refresh = {k: secrets[k] for k in REFRESH_SECRETS if secrets.get(k)}
        return LinkedInClient(
            account, secrets.get("token", ""), api_url=url,
            version=settings.linkedin_api_version, sleep=sleep,
            refresh=refresh if len(refresh) == len(REFRESH_SECRETS) else None,
            token_url=settings.platform_urls.get("linkedin-token"),
        )  # fmt: skip
    if platform == "ga4":
        return Ga4Client(
            account, service_account_key(secrets.get("key", "")), api_url=url,
            token_url=settings.platform_urls.get("google-token"),
            admin_url=settings.platform_urls.get("ga4-admin") or url, sleep=sleep,
        )  # fmt: skip
    raise PlatformError("sync.error.unknown_platform", platform=platform[:30])


def service_account_key(text: str) -> dict[str, str]:
    """A service account's JSON key, as Google Cloud downloads it."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise PlatformError("sync.error.ga4_key", platform="GA4") from exc
    if not isinstance(data, dict) or not data.get("private_key") or not data.get("client_email"):
        raise PlatformError("sync.error.ga4_key", platform="GA4")
    return {str(k): str(v) for k, v in data.items()}


def source_for(services: Services, conn: ConnectionRec, sleep: Sleep = real_sleep) -> Source:
    sealed = services.connections.sealed_secret(conn.team_id, conn.id) or ""
    secrets = vault(services.settings).open(sealed)
    return make_source(
        services.settings, conn.platform, conn.account_id, secrets, conn.api_url, sleep,
        conn.config,
    )  # fmt: skip
