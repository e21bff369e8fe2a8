"""Reading date-family rule options (dates and day counts) with clear errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from seedcheck.config import ConfigError
from seedcheck.rules import RuleContext


def date_option(ctx: RuleContext, name: str, code: str) -> dt.date:
    value: Any = ctx.option(name)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"rules.{code}.{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def days_option(ctx: RuleContext, name: str, code: str) -> int:
    value: Any = ctx.option(name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"rules.{code}.{name}: {value!r} must be a whole number of days >= 0")
    return value


def today(ctx: RuleContext) -> dt.date:
    value = ctx.today
    return value if isinstance(value, dt.date) else dt.date.today()
