"""Credentials sealed at rest: Fernet (AES-128-CBC + HMAC-SHA256) under the keys of
KPIBOT_SECRET_KEY, read by bot.settings and passed in. Several comma-separated keys rotate:
the first seals, every key opens (`MultiFernet`), and `reseal` moves a stored value to the
first key. A secret is a small JSON object ({"token": "..."}); it never appears in an
exception, a log line or a repr."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from storage.errors import VaultError

HOW_TO_MAKE_A_KEY = (
    "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
)


class Vault:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise VaultError(
                "KPIBOT_SECRET_KEY is not set: kpibot needs it to keep platform credentials "
                f"encrypted. Make one with {HOW_TO_MAKE_A_KEY} and put it in .env."
            )
        try:
            self._fernet = MultiFernet([Fernet(key.encode("ascii")) for key in keys])
        except (ValueError, UnicodeEncodeError) as exc:
            raise VaultError(
                "KPIBOT_SECRET_KEY must be one or more comma-separated Fernet keys (32 bytes, "
                f"url-safe base64); make one with {HOW_TO_MAKE_A_KEY}."
            ) from exc

    def __repr__(self) -> str:
        return "Vault(<keys hidden>)"

    def seal(self, secret: Mapping[str, str]) -> str:
        return self._fernet.encrypt(json.dumps(dict(secret)).encode()).decode("ascii")

    def open(self, sealed: str) -> dict[str, str]:
        try:
            data = json.loads(self._fernet.decrypt(sealed.encode("ascii")))
        except (InvalidToken, ValueError) as exc:
            raise VaultError(
                "A stored credential cannot be opened with the keys in KPIBOT_SECRET_KEY (was "
                "the key that sealed it removed?). Put the old key back after the new one, or "
                "connect the platform again."
            ) from exc
        return {str(k): str(v) for k, v in dict(data).items()}

    def reseal(self, sealed: str) -> str:
        """The same secret sealed with the first key (after adding a new key in front)."""
        try:
            return self._fernet.rotate(sealed.encode("ascii")).decode("ascii")
        except InvalidToken as exc:
            raise VaultError("A stored credential cannot be opened to rotate it.") from exc
