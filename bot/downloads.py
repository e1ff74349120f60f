"""Downloading a file shared in Slack, and nothing else: the bot token goes to Slack only.

The URL is asked from Slack (`files.info`), never taken from the event. It must be https on
Slack's file host (`files.slack.com`) — or the host of a configured SLACK_API_URL, which is
how tests point kpibot at a loopback Slack — and every redirect is held to the same rule.
There is no handler for `file://`, `ftp://` or `data:`; a body longer than the import limit
is cut off while it streams, whatever Content-Length says.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.errors import DownloadRefused

SLACK_FILE_HOSTS = frozenset({"files.slack.com"})
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Allowed:
    """Where the token may go: (scheme, host) pairs."""

    places: frozenset[tuple[str, str]]

    @classmethod
    def for_api(cls, api_url: str | None) -> Allowed:
        places = {("https", host) for host in SLACK_FILE_HOSTS}
        if api_url:
            parsed = urllib.parse.urlsplit(api_url)
            if parsed.scheme in ("http", "https") and parsed.hostname:
                places.add((parsed.scheme, parsed.hostname.lower()))
        return cls(frozenset(places))

    def check(self, url: str) -> str:
        """`url` when the token may be sent there; raises DownloadRefused otherwise."""
        try:
            parsed = urllib.parse.urlsplit(url)
            host = (parsed.hostname or "").lower()
        except ValueError as exc:
            raise DownloadRefused(f"not a URL: {url[:80]!r}") from exc
        if parsed.username or parsed.password:
            raise DownloadRefused(f"credentials in the URL of {host!r}")
        if (parsed.scheme.lower(), host) not in self.places:
            raise DownloadRefused(f"{parsed.scheme}://{host} is not Slack's file host")
        return url


class _SlackOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allowed: Allowed) -> None:
        self.allowed = allowed

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        try:
            self.allowed.check(newurl)  # before anything is sent to the new place
        except DownloadRefused:
            fp.close()
            raise
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(allowed: Allowed) -> urllib.request.OpenerDirector:
    # Only HTTP(S) handlers: no file://, ftp:// or data: handler exists in this opener.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        _SlackOnlyRedirects(allowed),
    ):
        opener.add_handler(handler)
    return opener


def download(url: str, token: str | None, limit: int, allowed: Allowed) -> bytes:
    """The bytes at `url` (at most `limit`), fetched with the bot token; raises
    DownloadRefused for a place outside Slack or a body over the limit."""
    allowed.check(url)
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        response = _opener(allowed).open(request, timeout=30)
    except urllib.error.HTTPError as exc:  # also urllib's own refusal of a file:// redirect
        exc.close()
        raise DownloadRefused(f"HTTP {exc.code}: {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, DownloadRefused):
            raise exc.reason from exc
        raise
    with response:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise DownloadRefused(f"{declared} bytes is over the limit of {limit}")
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(min(CHUNK, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise DownloadRefused(f"more than {limit} bytes")
    return b"".join(chunks)


def file_url(file: Mapping[str, Any]) -> str:
    """The download URL of the file in a `files.info` answer."""
    url = file.get("url_private_download") or file.get("url_private")
    if not isinstance(url, str) or not url:
        raise DownloadRefused("Slack gave no download URL for the file")
    return url
