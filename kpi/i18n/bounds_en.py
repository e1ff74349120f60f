"""English texts of the bounds every way in shares (kpi.bounds, storage.bounds). Dutch:
bounds_nl.py, same keys and placeholders."""

EN: dict[str, str] = {
    "bounds.too_big": "{name} {value} is more than kpibot can store: at most {max}.",
    "bounds.not_finite": "{name} must be an ordinary number, not infinity.",
    "bounds.too_long": "{name} is {length} characters long; at most {max} fit.",
    "bounds.control": "{name} contains a control character (such as NUL); type it again without it.",
    "bounds.day_range": "{value} is outside the dates kpibot keeps: {first} through today ({last}).",
    "bounds.line_too_long": "this line is {length} bytes long; kpibot reads lines of at most {max} bytes. Is this really a CSV export?",
    "bounds.command_control": "Your command contains a control character (such as NUL). Type it again without it.",
    "bounds.period_range": "“{text}” is outside the dates kpibot keeps: {first} through today ({last}).",
    "bounds.timezone_folder": "“{value}” is a region, not a timezone: add the city, such as Europe/Amsterdam.",
    "import.error.no_rows": "the file has a header but no rows of data: export it again with the rows.",
    "example.day": "`/kpi log campaign-x 2026-11-20 clicks=340` (a date from 2000-01-01 through today)",
    "bounds.label.amount": "amount",
    "bounds.label.rate": "rate",
    "bounds.label.hours": "hours",
    "bounds.label.campaign": "campaign",
    "bounds.label.campaign name": "campaign name",
    "bounds.label.platform": "platform",
    "bounds.label.note": "note",
    "bounds.label.timezone": "timezone",
    "bounds.label.date": "date",
    "bounds.label.value": "value",
}
