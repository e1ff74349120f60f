"""The part of the fake Slack that knows several workspaces and their tokens: Slack's OAuth
code exchange and token refresh (oauth.v2.access), auth.test per token, users.info with the
admin flags, apps.uninstall. Shapes as Slack documents them (docs.slack.dev: oauth.v2.access,
token rotation, auth.test, users.info)."""

from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass, field

CLIENT_ID = "1111111111.2222222222"
CLIENT_SECRET = "e2e-client-secret-not-real"
APP_ID = "A000APP01"
#: Rotating tokens live 12 hours at Slack (expires_in 43200).
TWELVE_HOURS = 43200


@dataclass
class Team:
    team_id: str
    name: str
    rotating: bool = False
    expires_in: int = TWELVE_HOURS
    admins: set[str] = field(default_factory=set)


@dataclass
class FakeOAuth:
    #: access token -> team id; tokens not listed answer as the fake's default team
    tokens: dict[str, str] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)
    teams: dict[str, Team] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)  # one-time code -> team id
    refresh_tokens: dict[str, str] = field(default_factory=dict)  # refresh token -> team id
    #: what each exchange and refresh handed out, in order: (team id, access token)
    issued: list[tuple[str, str]] = field(default_factory=list)
    _serial: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def add_team(self, team: Team) -> Team:
        self.teams[team.team_id] = team
        return team

    def grant(self, team_id: str, code: str) -> None:
        """Slack redirects the installing person back with `code` for `team_id`."""
        self.codes[code] = team_id

    def team_of(self, token: str | None, default: str) -> str | None:
        if token is None or token in self.revoked:
            return None
        return self.tokens.get(token, default)

    def revoke_team(self, team_id: str) -> None:
        self.revoked |= {tok for tok, team in self.tokens.items() if team == team_id}

    def _issue(self, team: Team) -> dict[str, object]:
        n = next(self._serial)
        kind = "xoxe.xoxb" if team.rotating else "xoxb"
        token = f"{kind}-{team.team_id}-{n:04d}"
        self.tokens[token] = team.team_id
        self.issued.append((team.team_id, token))
        out: dict[str, object] = {"access_token": token}
        if team.rotating:
            refresh = f"xoxe-1-{team.team_id}-r{n:04d}"
            self.refresh_tokens[refresh] = team.team_id
            out.update(refresh_token=refresh, expires_in=team.expires_in)
        return out

    def answer(self, method: str, body: dict, headers: dict, default_team: str) -> dict | None:
        """Slack's answer to `method`, or None when it is not one of these."""
        if _token(body, headers) in self.revoked and method != "oauth.v2.access":
            return {"ok": False, "error": "token_revoked"}
        if method == "oauth.v2.access":
            return self._access(body, headers)
        if method == "auth.test":
            team = self.team_of(_token(body, headers), default_team)
            if team is None:
                return {"ok": False, "error": "invalid_auth"}
            if team not in self.teams:  # the one workspace of SLACK_BOT_TOKEN
                return {"ok": True, "team_id": team, "user_id": "UBOT", "bot_id": "BBOT",
                        "team": "Test team", "url": "https://test.slack.com/"}  # fmt: skip
            return {
                "ok": True,
                "url": f"https://{team.lower()}.slack.com/",
                "team": self.teams[team].name,
                "user": "kpibot",
                "team_id": team,
                "user_id": f"U{team}BOT",
                "bot_id": f"B{team}",
                "is_enterprise_install": False,
            }
        team = self.team_of(_token(body, headers), default_team)
        if method == "users.info" and team in self.teams:  # else: the fake's one workspace
            user = str(body.get("user") or "")
            admins = self.teams[team].admins
            profile = {
                "id": user,
                "team_id": team,
                "name": user.lower(),
                "tz": "Europe/Amsterdam",
                "is_admin": user in admins,
                "is_owner": False,
                "is_primary_owner": False,
                "is_bot": False,
            }
            if str(body.get("include_locale")).lower() in ("true", "1"):  # Slack: only then
                profile["locale"] = "en-US"
            return {"ok": True, "user": profile}
        if method == "apps.uninstall":
            if not _client_ok(body, headers):
                return {"ok": False, "error": "invalid_client_id"}
            team = self.team_of(_token(body, headers), default_team)
            if team is not None:
                self.revoke_team(team)
            return {"ok": True}
        return None

    def _access(self, body: dict, headers: dict) -> dict:
        if not _client_ok(body, headers):
            return {"ok": False, "error": "invalid_client_id"}
        if body.get("grant_type") == "refresh_token":
            team_id = self.refresh_tokens.pop(str(body.get("refresh_token")), None)
            if team_id is None:
                return {"ok": False, "error": "invalid_refresh_token"}
            return {"ok": True, "token_type": "bot", **self._issue(self.teams[team_id])}
        team_id = self.codes.pop(str(body.get("code")), None)
        if team_id is None:
            return {"ok": False, "error": "invalid_code"}
        team = self.teams[team_id]
        return {
            "ok": True,
            "token_type": "bot",
            "scope": "commands,chat:write,chat:write.public,files:read,files:write,"
            "channels:history,groups:history,channels:read,users:read",
            "bot_user_id": f"U{team_id}BOT",
            "app_id": APP_ID,
            "team": {"name": team.name, "id": team_id},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": "U000ADMIN"},
            **self._issue(team),
        }


def _token(body: dict, headers: dict) -> str | None:
    auth = headers.get("Authorization") or headers.get("authorization") or ""
    if auth.startswith("Bearer "):
        return auth[len("Bearer ") :]
    token = body.get("token")
    return str(token) if token else None


def _client_ok(body: dict, headers: dict) -> bool:
    """Client ID and secret as HTTP Basic auth (slack_sdk's way) or in the body."""
    auth = headers.get("Authorization") or headers.get("authorization") or ""
    if auth.startswith("Basic "):
        pair = base64.b64decode(auth[len("Basic ") :]).decode()
        return pair == f"{CLIENT_ID}:{CLIENT_SECRET}"
    return body.get("client_id") == CLIENT_ID and body.get("client_secret") == CLIENT_SECRET
