"""Thin clients over the ad platforms' HTTP APIs, one module per platform, turning their
answers into the rows a sync stores (storage.sync_store.SyncedRow) — the same numbers the
platform's CSV export gives. No SDKs: plain HTTP (urllib), base URL and API version
configurable so tests point them at a loopback fake."""
