"""What every platform client offers the sync, and the waiting they share: backing off
between retries, and slowing down as a platform's usage headers approach its limit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from storage.errors import PlatformError
from storage.sync_store import SyncedRow

log = logging.getLogger(__name__)

Sleep = Callable[[float], None]

#: Retries of one request (rate limits, 5xx, no connection) before the sync gives up.
ATTEMPTS = 5
#: The longest kpibot waits at once; a platform asking for longer fails the sync politely.
MAX_WAIT = 300.0


@dataclass(frozen=True, slots=True)
class AccountInfo:
    """What the one cheap check call found."""

    account_id: str
    name: str
    currency: str | None
    timezone: str | None
    #: a text key saying something the user should know (e.g. why the id names it)
    note: str | None = None
    #: how many campaigns the account has (None: not known — the list call failed)
    campaigns: int | None = None
    #: the first campaign names the platform lists (at most SHOWN_CAMPAIGNS)
    campaign_names: tuple[str, ...] = ()
    #: the count is one page's: the account has at least this many
    campaigns_at_least: bool = False
    #: the platform lists campaigns only in reports (GA4): they appear after the first sync
    campaigns_after_sync: bool = False


#: Campaign names a connect shows; the longest shown of one name.
SHOWN_CAMPAIGNS = 3
NAME_CHARS = 80

#: What a campaign list call found: the count, the first names, whether the count is a floor.
CampaignList = tuple[int, Sequence[str], bool]


def with_campaigns(info: AccountInfo, listing: Callable[[], CampaignList]) -> AccountInfo:
    """The account check's answer with the campaigns the one extra call found; when that
    call fails the account check still stands and the campaigns stay unknown."""
    try:
        count, names, at_least = listing()
    except (PlatformError, ValueError, TypeError, KeyError, AttributeError) as exc:
        log.info("campaign list of %s not read: %s", info.account_id, type(exc).__name__)
        return info
    shown = tuple(str(name)[:NAME_CHARS] for name in list(names)[:SHOWN_CAMPAIGNS])
    return dataclasses.replace(
        info, campaigns=max(int(count), len(shown)), campaign_names=shown,
        campaigns_at_least=at_least,
    )  # fmt: skip


class Source(Protocol):
    #: the connection's platform (meta, google-ads, linkedin, ga4)
    platform: str
    #: the platform word its rows keep in daily_metrics (as the CSV import writes them)
    row_platform: str
    #: days before yesterday re-read on every sync (numbers restated inside attribution)
    lookback_days: int

    def check(self) -> AccountInfo: ...

    def fetch(self, since: dt.date, until: dt.date) -> Sequence[SyncedRow]: ...

    def token_expiry(self) -> dt.datetime | None:
        """When the stored credentials stop working, as the platform says (None: never, or
        no fixed expiry); PlatformError when it cannot be asked."""
        ...


def backoff(attempt: int, base: float = 2.0) -> float:
    """2, 4, 8, 16, 32 … seconds, at most MAX_WAIT."""
    return float(min(base * (2**attempt), MAX_WAIT))


def pace(percent: float) -> float:
    """Seconds to wait before the next request at this usage of a limit: nothing below
    75 %, then growing to a minute at 100 % (slowing down before the limit, not at it)."""
    if percent < 75:
        return 0.0
    return min(60.0, (percent - 75.0) / 25.0 * 60.0)


def real_sleep(seconds: float) -> None:
    if seconds > 0:
        time.sleep(seconds)


def from_epoch(*values: object) -> dt.datetime | None:
    """The earliest of these Unix times (seconds) that is set; 0 or nothing means never."""
    found = []
    for value in values:
        try:
            seconds = int(str(value))
        except ValueError:
            continue
        if seconds > 0:
            found.append(dt.datetime.fromtimestamp(seconds, dt.UTC))
    return min(found, default=None)
