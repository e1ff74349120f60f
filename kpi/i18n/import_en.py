"""English texts of import reports. Dutch: import_nl.py."""

EN: dict[str, str] = {
    "import.done_title": "Imported {file}",
    "import.dry_run_title": "Dry run of {file} — nothing was written",
    "import.dry_run_hint": "Run it again without --dry-run to save these numbers.",
    "import.refused_title": "{file} was not imported",
    "import.refused_intro": "Nothing was written: {count} problem(s) in the file. Fix them and import the whole file again.",
    "import.refused_hint": "Line numbers count the header as line 1, as a spreadsheet does.",
    "import.problem_line": "• line {line}, column {column}: {reason}",
    "import.more_problems": "• … and {count} more",
    "import.currency_refused": "Campaign `{campaign}` is kept in {stored}, but this file is in {new}. Nothing was written. Import {new} numbers under another campaign, or convert them first.",
    "import.format_line": "Recognised as: *{format}*",
    "import.counts": "Rows read: *{read}* · inserted: *{inserted}* · updated: *{updated}* · unchanged: *{unchanged}* · skipped: *{skipped}*",
    "import.skipped_reason": "{count} skipped: {reason}",
    "import.range": "Dates: {dates}",
    "import.campaigns": "Campaigns ({count}): {names}",
    "import.period_totals": "{count} row(s) are totals over several days: kept as one row for the whole period, not spread over the days.",
    "import.currency": "Currency: {currency}",
    "import.recognised": "Columns used: {headers}",
    "import.ignored": "Columns ignored: {headers}",
    "import.next": "Ask about it: `/kpi report {campaign}`",
    "import.format.meta": "Meta Ads Manager export",
    "import.format.linkedin": "LinkedIn Campaign Manager export",
    "import.format.google_ads": "Google Ads campaign report",
    "import.format.ga4": "Google Analytics 4 traffic acquisition export",
    "import.format.canonical": "kpibot CSV",
    "import.skip.total_row": "total or summary rows",
    "import.skip.blank": "empty rows",
}
EN.update(
    {
        "import.error.encoding": "the file is not UTF-8 text. Save or export it as “CSV UTF-8” and try again.",
        "import.error.missing_columns": "the header lacks {columns}; a kpibot CSV starts with {expected}.",
        "import.error.header_twice": "the header names a column twice; give each column once, e.g. date,campaign,platform,clicks.",
        "import.error.unknown_column": "“{column}” is not a column kpibot knows. Counters: {known}.",
        "import.error.cells": "{found} cells where the header has {expected}.",
        "import.error.date": "“{value}” is not a date kpibot can read (use YYYY-MM-DD, e.g. 2026-11-02).",
        "import.error.empty": "{column} is empty.",
        "import.error.number": "{column} “{value}” is not a number.",
        "import.error.negative": "{column} is {value}: counts and amounts can't be negative.",
        "import.error.duplicate": "{campaign} on {day} ({platform}) is already on line {first}; each campaign, day and platform may appear once.",
    }
)
