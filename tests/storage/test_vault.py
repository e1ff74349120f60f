"""Credentials sealed with Fernet under KPIBOT_SECRET_KEY: opened again, never readable,
rotation (new key first, old key still opens, reseal moves to the new key), and clear
refusals without leaking the secret."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from storage.errors import VaultError
from storage.vault import Vault

SECRET = {"token": "EAAB-very-secret"}


def test_sealed_is_not_readable_and_opens_again() -> None:
    vault = Vault([Fernet.generate_key().decode()])
    sealed = vault.seal(SECRET)
    assert "very-secret" not in sealed
    assert vault.open(sealed) == SECRET
    assert "very-secret" not in repr(vault)


def test_rotation_new_key_first_old_still_opens_then_reseal() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed_old = Vault([old]).seal(SECRET)
    both = Vault([new, old])
    assert both.open(sealed_old) == SECRET
    moved = both.reseal(sealed_old)
    assert Vault([new]).open(moved) == SECRET
    with pytest.raises(VaultError, match="cannot be opened"):
        Vault([new]).open(sealed_old)


def test_no_key_or_a_bad_key_is_refused_with_how_to_make_one() -> None:
    with pytest.raises(VaultError, match="KPIBOT_SECRET_KEY is not set"):
        Vault([])
    with pytest.raises(VaultError, match="Fernet keys"):
        Vault(["not-a-key"])
