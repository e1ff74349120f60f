"""The bot token goes to Slack's file host only: URLs outside it, redirects away from it,
`file://` and bodies over the limit are refused — against real loopback HTTP servers, one
standing in for Slack (the configured SLACK_API_URL host) and one for a stranger."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.downloads import Allowed, DownloadRefused, download, file_url

LIMIT = 1000
TOKEN = "xoxb-test-token"


@dataclass
class Site:
    """A loopback HTTP server that records who asked for what, with which Authorization."""

    host: str
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    seen: list[tuple[str, str | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site.seen.append((self.path, self.headers.get("Authorization")))
                if self.path == "/endless":  # no Content-Length, more than the limit
                    self.send_response(200)
                    self.end_headers()
                    for _ in range(50):
                        self.wfile.write(b"x" * 100)
                    return
                status, headers, body = site.routes.get(self.path, (404, {}, b""))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1]}"


@pytest.fixture
def sites() -> Iterator[tuple[Site, Site]]:
    slack, stranger = Site("127.0.0.1"), Site("localhost")
    yield slack, stranger
    for site in (slack, stranger):
        site.server.shutdown()
        site.server.server_close()


def allowed_for(slack: Site) -> Allowed:
    return Allowed.for_api(f"{slack.base}/api/")


@pytest.mark.parametrize(
    "url",
    [
        "https://files.slack.com/files-pri/T1-F1/download/export.csv",
        "https://FILES.slack.com/files-pri/T1-F1/export.csv",
    ],
)
def test_slacks_file_host_over_https_is_allowed(url: str) -> None:
    assert Allowed.for_api(None).check(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "http://files.slack.com/files-pri/T1-F1/export.csv",  # not https
        "https://evil.example/export.csv",
        "https://files.slack.com.evil.example/export.csv",
        "https://evil.example/?u=https://files.slack.com/",
        "https://user:pw@files.slack.com/export.csv",
        "file:///etc/passwd",
        "ftp://files.slack.com/export.csv",
        "data:text/csv,date,campaign",
        "https://slack.com/api/files.info",
        "",
    ],
)
def test_anything_else_is_refused(url: str) -> None:
    with pytest.raises(DownloadRefused):
        Allowed.for_api(None).check(url)


def test_the_configured_api_host_is_allowed_with_its_scheme_only() -> None:
    allowed = Allowed.for_api("http://127.0.0.1:8123/api/")
    assert allowed.check("http://127.0.0.1:9999/files/x.csv")
    for url in ("http://localhost:8123/files/x.csv", "https://evil.example/x.csv"):
        with pytest.raises(DownloadRefused):
            allowed.check(url)


def test_a_file_from_slack_is_fetched_with_the_token(sites: tuple[Site, Site]) -> None:
    slack, _ = sites
    slack.routes["/files/a.csv"] = (200, {}, b"date,campaign\n")
    data = download(f"{slack.base}/files/a.csv", TOKEN, LIMIT, allowed_for(slack))
    assert data == b"date,campaign\n"
    assert slack.seen == [("/files/a.csv", f"Bearer {TOKEN}")]


def test_a_redirect_within_slack_is_followed(sites: tuple[Site, Site]) -> None:
    slack, _ = sites
    slack.routes["/files/moved.csv"] = (302, {"Location": f"{slack.base}/files/a.csv"}, b"")
    slack.routes["/files/a.csv"] = (200, {}, b"ok")
    assert download(f"{slack.base}/files/moved.csv", TOKEN, LIMIT, allowed_for(slack)) == b"ok"


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_away_from_slack_is_refused_and_the_token_stays_home(
    sites: tuple[Site, Site], code: int
) -> None:
    slack, stranger = sites
    stranger.routes["/steal"] = (200, {}, b"date,campaign\n")
    slack.routes["/files/a.csv"] = (code, {"Location": f"{stranger.base}/steal"}, b"")
    with pytest.raises(DownloadRefused):
        download(f"{slack.base}/files/a.csv", TOKEN, LIMIT, allowed_for(slack))
    assert stranger.seen == []


def test_a_redirect_to_a_local_file_is_refused(sites: tuple[Site, Site], tmp_path: Path) -> None:
    slack, _ = sites
    secret = tmp_path / "secret.csv"
    secret.write_text("date,campaign\n2026-11-01,other-workspace\n")
    slack.routes["/files/a.csv"] = (302, {"Location": secret.as_uri()}, b"")
    with pytest.raises(Exception) as caught:
        download(f"{slack.base}/files/a.csv", TOKEN, LIMIT, allowed_for(slack))
    assert "other-workspace" not in str(caught.value)


def test_a_file_url_is_never_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("date,campaign\n")
    with pytest.raises(DownloadRefused):
        download(secret.as_uri(), TOKEN, LIMIT, Allowed.for_api("http://127.0.0.1:1/api/"))


def test_a_body_over_the_limit_is_cut_off_while_streaming(sites: tuple[Site, Site]) -> None:
    slack, _ = sites
    with pytest.raises(DownloadRefused, match=f"more than {LIMIT}"):
        download(f"{slack.base}/endless", TOKEN, LIMIT, allowed_for(slack))


def test_a_declared_length_over_the_limit_is_refused_before_reading(
    sites: tuple[Site, Site],
) -> None:
    slack, _ = sites
    slack.routes["/files/big.csv"] = (200, {"Content-Length": str(LIMIT + 1)}, b"x" * (LIMIT + 1))
    with pytest.raises(DownloadRefused, match="over the limit"):
        download(f"{slack.base}/files/big.csv", TOKEN, LIMIT, allowed_for(slack))
    slack.routes["/files/fits.csv"] = (200, {}, b"x" * LIMIT)
    assert len(download(f"{slack.base}/files/fits.csv", TOKEN, LIMIT, allowed_for(slack))) == LIMIT


def test_file_url_comes_from_slacks_answer() -> None:
    url = "https://files.slack.com/files-pri/T1-F1/download/a.csv"
    assert file_url({"url_private_download": url, "url_private": "x"}) == url
    with pytest.raises(DownloadRefused):
        file_url({"id": "F1"})
