"""Errors a user can act on. Each carries an i18n key, its arguments and the key of a valid
example; the reply renders them in the user's language. Anything else is a bug: logged with
its traceback by the one error handler, answered plainly."""

from __future__ import annotations


class UserError(Exception):
    def __init__(self, key: str, example: str | None = "example.kpi", /, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.example = example
        self.args_ = args
