"""The Slack Web API client, with retries Slack's rules ask for."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler


def retry_handlers() -> list[RetryHandler]:
    """429 (honouring Retry-After), connection errors and 5xx are retried."""
    return [
        RateLimitErrorRetryHandler(max_retry_count=5),
        ConnectionErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=3),
    ]


def make_client(token: str | None, api_url: str | None = None) -> WebClient:
    base_url = api_url or WebClient.BASE_URL
    if not base_url.endswith("/"):
        base_url += "/"
    return WebClient(token=token, base_url=base_url, timeout=10, retry_handlers=retry_handlers())
