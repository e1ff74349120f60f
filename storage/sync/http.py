"""JSON over HTTP for the platform clients: urllib, a timeout, a bounded body, and the
answer handed back whatever its status (each platform decides what its errors mean).
A connection that fails or times out is status 0. The credentials travel in headers the
caller passes; nothing here logs a header, a URL's query or a body."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_BODY = 64 * 1024 * 1024
TIMEOUT = 60.0
USER_AGENT = "kpibot-sync/1"


@dataclass(frozen=True)
class Answer:
    status: int  # 0: no answer (connection refused, timeout)
    body: Any  # parsed JSON, or None
    headers: Mapping[str, str] = field(default_factory=dict)  # names in lower case
    text: str = ""  # the body as text when it was not JSON (cut short)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def with_query(url: str, params: Mapping[str, object] | None) -> str:
    if not params:
        return url
    query = urllib.parse.urlencode({k: str(v) for k, v in params.items()})
    return f"{url}{'&' if '?' in url else '?'}{query}"


def send(
    method: str,
    url: str,
    *,
    params: Mapping[str, object] | None = None,
    form: Mapping[str, object] | None = None,
    json_body: object = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> Answer:
    data: bytes | None = None
    sent = {"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})}
    if form is not None:
        data = urllib.parse.urlencode({k: str(v) for k, v in form.items()}).encode()
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    elif json_body is not None:
        data = json.dumps(json_body).encode()
        sent["Content-Type"] = "application/json"
    request = urllib.request.Request(with_query(url, params), data=data, method=method)
    for key, value in sent.items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return _answer(response.status, response.headers, response.read(MAX_BODY + 1))
    except urllib.error.HTTPError as exc:
        return _answer(exc.code, exc.headers, exc.read(MAX_BODY + 1))
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return Answer(0, None, {}, f"{type(exc).__name__}: {reason}"[:300])


def _answer(status: int, headers: Any, raw: bytes) -> Answer:
    lower = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    if len(raw) > MAX_BODY:
        return Answer(status, None, lower, "answer too large")
    try:
        return Answer(status, json.loads(raw) if raw else None, lower)
    except ValueError:
        return Answer(status, None, lower, raw[:300].decode("utf-8", "replace"))
