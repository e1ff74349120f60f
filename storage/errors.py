"""Every exception storage/ raises on purpose, in one tree: a caller catches `StorageError`
for all of them, or the built-in each one also is. Each names the thing it is about.
(Import problems are not exceptions: they are RowProblem values with message keys.)

    StorageError
     ├── UnknownWorkspace (LookupError)      no workspace row for the team_id
     ├── UnknownCampaign (LookupError)       no campaign by that slug or id in the workspace
     │    └── CampaignNotInWorkspace         a campaign id of another workspace (or none)
     ├── CampaignExists (ValueError)         another campaign already has the slug
     ├── UnknownCostCategory (ValueError)    a category kpi.counters.COST_CATEGORIES lacks
     ├── InvalidSubscription (ValueError)    a digest subscription field out of range
     ├── OutOfBounds (ValueError)            a value no column can hold (`key`: bounds.*)
     ├── AliasError (ValueError)             an alias file that cannot be read or used
     ├── VaultError                          credentials cannot be sealed or opened (no
     │                                       KPIBOT_SECRET_KEY, a malformed key, a key gone)
     ├── CurrencyMismatch (ValueError)       a synced campaign is kept in another currency
     ├── LeaseLost                           another process took a connection's sync over
     └── PlatformError                       an ad platform's API refused or failed (`key`:
          │                                  i18n `sync.error.*`, naming cause and fix)
          ├── TokenRejected                  the token expired or was revoked: the
          │                                  connection stops until it is connected again
          ├── PlatformThrottled              still over the rate limit after backing off
          └── PlatformUnavailable            5xx, timeouts, a report job that failed
"""

from __future__ import annotations

from collections.abc import Sequence


class StorageError(Exception):
    """Base of storage's errors."""


class UnknownCampaign(StorageError, LookupError):
    """No campaign by this slug (or id) in this workspace."""

    def __init__(self, team_id: str, campaign: str) -> None:
        super().__init__(f"No campaign {campaign!r} in workspace {team_id}")
        self.team_id = team_id
        self.campaign = campaign


class CampaignExists(StorageError, ValueError):
    """Another campaign of this workspace already has this slug."""

    def __init__(self, team_id: str, slug: str) -> None:
        super().__init__(f"Campaign {slug!r} already exists in workspace {team_id}")
        self.team_id = team_id
        self.slug = slug


class UnknownCostCategory(StorageError, ValueError):
    """A cost booked under a category kpi.counters.COST_CATEGORIES does not know."""

    def __init__(self, category: str, known: Sequence[str]) -> None:
        super().__init__(f"No cost category {category!r}; known: {', '.join(known)}")
        self.category = category
        self.known = tuple(known)


class CampaignNotInWorkspace(UnknownCampaign):
    """The campaign id does not belong to the workspace (or does not exist)."""

    def __init__(self, team_id: str, campaign_id: int) -> None:
        super().__init__(team_id, f"#{campaign_id}")
        self.campaign_id = campaign_id


class UnknownWorkspace(StorageError, LookupError):
    """No workspace row for `team_id` (create it with Repository.ensure_workspace first)."""

    def __init__(self, team_id: str) -> None:
        super().__init__(f"No workspace {team_id}")
        self.team_id = team_id


class InvalidSubscription(StorageError, ValueError):
    """A subscription field is out of range; `field` names it."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(f"invalid {field}: {value!r}")
        self.field = field
        self.value = value


class OutOfBounds(StorageError, ValueError):
    """A value no column can hold: `key` (i18n, `bounds.*`) and `args` say which and why."""

    def __init__(self, key: str, /, **args: object) -> None:
        super().__init__(f"{key}: {args}")
        self.key = key
        self.args_ = args


class AliasError(StorageError, ValueError):
    """The alias file cannot be read or names a field kpibot does not know."""


class VaultError(StorageError):
    """Credentials cannot be sealed or opened: no key, a malformed key, or a key that no
    longer opens what was stored (rotated away). Never carries the secret itself."""


class CurrencyMismatch(StorageError, ValueError):
    """A platform reports a campaign in another currency than the one kpibot keeps it in."""

    def __init__(self, campaign: str, stored: str, reported: str) -> None:
        super().__init__(f"campaign {campaign!r} is kept in {stored}, the platform says {reported}")
        self.campaign = campaign
        self.stored = stored
        self.reported = reported


class LeaseLost(StorageError):
    """This process no longer holds the connection's sync lease (it ran out and another
    replica took it): the sync stops, and the window being stored is not committed."""

    def __init__(self, connection_id: int) -> None:
        super().__init__(f"The sync lease of connection {connection_id} was taken over")
        self.connection_id = connection_id


class PlatformError(StorageError):
    """An ad platform's API refused or failed. `key` (i18n, `sync.error.*`) and `args` say
    the cause and the fix in the user's language; `detail` is the platform's own message
    (shown escaped, never containing a credential)."""

    def __init__(self, key: str, /, detail: str = "", **args: object) -> None:
        super().__init__(f"{key}: {detail}" if detail else key)
        self.key = key
        self.detail = detail
        self.args_ = args


class TokenRejected(PlatformError):
    """The platform says the token expired or was revoked (Meta OAuthException 190, Google
    invalid_grant, LinkedIn 401): the connection stops until it is connected again."""


class PlatformThrottled(PlatformError):
    """Still over the platform's rate limit after backing off as far as kpibot waits."""


class PlatformUnavailable(PlatformError):
    """The platform failed (5xx, no connection, a report job that failed) after retries."""
