"""The door of `/slack/events`: cheap refusals before Bolt sees a request.

In this order, each answered without a traceback and without logging the body:
- a body over MAX_BODY (Content-Length, or no length at all): 413 / 411, not read;
- a missing, non-numeric or stale `X-Slack-Request-Timestamp`, a missing, non-ASCII or
  wrong `X-Slack-Signature`: 401 (checked with the signing secret, before any parsing);
- a signed body that is not UTF-8, a `payload=` that is not a JSON object, a JSON body that
  is not an object: 400.
What passes is handed to Bolt with the body already read (Bolt checks the signature again).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import re
import time
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

log = logging.getLogger(__name__)

#: Slack's own payloads are a few kilobytes; a megabyte is generous.
MAX_BODY = 1_048_576
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
#: Slack's rule: a request more than five minutes old is a replay.
MAX_AGE = 300


def signed_by_slack(secret: str, body: bytes, timestamp: str, signature: str) -> bool:
    """Slack's v0 signature over the raw bytes (whatever their encoding), within MAX_AGE."""
    if abs(time.time() - int(timestamp)) > MAX_AGE:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _answer(start_response: Callable[..., Any], status: str, error: str) -> list[bytes]:
    payload = json.dumps({"error": error}).encode()
    start_response(
        status,
        [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))],
    )
    return [payload]


def _well_formed(body: bytes, content_type: str) -> bool:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if "application/json" in content_type:
        try:
            return isinstance(json.loads(text), dict)
        except ValueError:
            return False
    try:
        form = urllib.parse.parse_qs(text, keep_blank_values=True, strict_parsing=False)
    except ValueError:
        return False
    if "payload" in form:
        try:
            return isinstance(json.loads(form["payload"][0]), dict)
        except ValueError:
            return False
    return True


def guard(inner: Wsgi, signing_secret: str | None) -> Wsgi:
    """`inner` behind the refusals above. Without a signing secret (Socket Mode) every
    HTTP request to Slack's path is refused: there is nothing to check it against."""

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        peer = environ.get("REMOTE_ADDR", "?")
        length = str(environ.get("CONTENT_LENGTH") or "").strip()
        if not length.isdigit():
            log.info("refused a request from %s: no Content-Length", peer)
            return _answer(start_response, "411 Length Required", "length required")
        size = int(length)
        if size > MAX_BODY:
            log.info("refused a request from %s: %d bytes is over %d", peer, size, MAX_BODY)
            return _answer(start_response, "413 Payload Too Large", "too large")
        timestamp = str(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or "")
        signature = str(environ.get("HTTP_X_SLACK_SIGNATURE") or "")
        if not signing_secret or not timestamp.isdigit() or not _SIGNATURE.fullmatch(signature):
            log.info("refused an unsigned request from %s (%d bytes)", peer, size)
            return _answer(start_response, "401 Unauthorized", "invalid request")
        body = environ["wsgi.input"].read(size)
        if not signed_by_slack(signing_secret, body, timestamp, signature):
            log.info("refused a request with a wrong or stale signature from %s", peer)
            return _answer(start_response, "401 Unauthorized", "invalid request")
        if not _well_formed(body, str(environ.get("CONTENT_TYPE") or "")):
            log.info("refused a signed but malformed request from %s (%d bytes)", peer, size)
            return _answer(start_response, "400 Bad Request", "malformed request")
        environ = {**environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}
        return inner(environ, start_response)

    return application
