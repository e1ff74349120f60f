"""Every exception kpi/ raises, in one tree. A caller catches `KpiError` for all of them, or
the built-in each one also is (a name it cannot find is a LookupError, text it cannot read
a ValueError). Each carries what it is about, and the bot turns it into a reply.

    KpiError
     ├── UnknownKpi (LookupError)        no KPI by that name; `.suggestions` closest first
     ├── PeriodError (ValueError)        text that is not a period; `.text`
     │    └── PeriodOutOfRange           a period outside the dates kept (or the calendar)
     ├── ScheduleError (ValueError)      a digest schedule field that does not read; `.key`
     ├── TargetValueError (ValueError)   a target value that cannot be read; `.key`, `.params`
     └── NotAvailable                    stops a formula (missing term, zero denominator);
                                         caught by kpi.formulas.evaluate, never leaves it
"""

from __future__ import annotations


class KpiError(Exception):
    """Root of the errors of kpi/."""


class UnknownKpi(KpiError, LookupError):  # noqa: N818 - the name says what it is, like KeyError
    """No KPI is called `word`; `suggestions` holds every KPI name, the closest first."""

    def __init__(self, word: str, suggestions: list[str]) -> None:
        super().__init__(f"no KPI is called {word!r}; closest: {', '.join(suggestions[:3])}")
        self.word = word
        self.suggestions = suggestions


class PeriodError(KpiError, ValueError):
    """The text does not read as a period (or names an impossible one); `.text` is it."""

    def __init__(self, text: str, why: str = "not a period") -> None:
        super().__init__(f"{why}: {text!r}")
        self.text = text


class PeriodOutOfRange(PeriodError):
    """The period reads well but lies outside MIN_DAY through `as_of` (0000-q1, 9999-q4,
    since 0001-01-01): no data can be there, and some of these dates do not exist."""


class ScheduleError(KpiError, ValueError):
    """A schedule field does not read. `key` is the i18n key of the message
    ("schedule.error.weekday", ".time", ".timezone"), `value` the text at fault."""

    def __init__(self, key: str, value: str) -> None:
        super().__init__(f"{key}: {value!r}")
        self.key = key
        self.value = value


class TargetValueError(KpiError, ValueError):
    """A target value that cannot be read; ``key``/``params`` are the i18n message."""

    def __init__(self, text: str, kpi: str, key: str, example: str) -> None:
        super().__init__(f"cannot read {text!r} as a value for {kpi}")
        self.text = text
        self.kpi = kpi
        self.key = key
        self.params: dict[str, str] = {"text": text, "kpi": kpi, "example": example}


class NotAvailable(KpiError):  # noqa: N818 - a signal inside kpi.formulas, not an error
    """Raised by `Values` to stop a formula; carries the i18n reason and the term at fault."""

    def __init__(self, reason: str, term: str) -> None:
        super().__init__(reason, term)
        self.reason = reason
        self.term = term
