"""The reply to input we could not use: what was wrong, and an example that works."""

from __future__ import annotations

from typing import Any

from bot.blocks.common import context, section
from bot.context import Ctx
from bot.errors import UserError


def error_blocks(error: UserError, ctx: Ctx) -> list[dict[str, Any]]:
    blocks = [section(":warning: " + ctx.t(error.key, **error.args_))]
    if error.example:
        blocks.append(context(ctx.t("error.try") + " " + ctx.t(error.example)))
    return blocks


def error_text(error: UserError, ctx: Ctx) -> str:
    return ctx.t(error.key, **error.args_)


def crash_blocks(ctx: Ctx) -> list[dict[str, Any]]:
    return [section(":warning: " + ctx.t("error.internal")), context(ctx.t("error.try_help"))]
