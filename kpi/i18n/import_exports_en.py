"""English texts of the export importers (storage/exports). Dutch: import_exports_nl.py."""

EN: dict[str, str] = {
    "import.error.no_header": "no header row kpibot recognises in the first {lines} lines. It reads exports from Meta Ads Manager, LinkedIn Campaign Manager, Google Ads and Google Analytics 4, and kpibot CSVs (date, campaign, platform and counters). Name your own columns with an alias file (kpibot import --aliases).",
    "import.error.format_header": "no {format} header in the first {lines} lines; it needs the columns {needs}.",
    "import.error.unknown_format": "“{format}” is not a format kpibot knows; use one of {known}.",
    "import.error.export_missing": "this {format} export has no {columns} column (and no report period above the table).",
    "import.error.date_order": "the reporting period ends ({end}) before it starts ({start}).",
    "import.error.whole": "{column} is {value}: a count must be a whole number.",
    "import.error.currencies": "the file mixes currencies ({currencies}); import one currency per file.",
    "import.skip.not_campaign": "GA4 rows that are not a campaign, such as (direct), (organic) or (not set)",
    "import.skip.comment": "comment lines (#) after the table",
}
EN.update(
    {
        "import.error.google_ads_all_time": "this Google Ads report covers “{period}”, which cannot be placed on dates, and it has no Day column. Download it again with a date range (e.g. “Last 30 days”), or add Segment → Time → Day to get one row per campaign and day.",
        "import.error.google_ads_no_range": "this Google Ads report has no Day column and no date-range line above its header (such as “27 January 2026 - 23 February 2026”), so its numbers cannot be placed on dates. Download it again with a date range, or add Segment → Time → Day.",
    }
)
EN.update(
    {
        "import.error.no_data": "this export holds no data for its period (it says “No data available.” or has no rows under its header). Pick a period in which the campaigns ran and export again.",
        "import.skip.header_again": "the header row repeated inside the file",
        "import.skip.no_data": "“No data available.” lines",
        "import.summed.ad": "{rows} ad rows summed into {days} campaign days (per campaign, day and platform).",
        "import.summed.ad_set": "{rows} ad set rows summed into {days} campaign days (per campaign, day and platform).",
        "import.summed.placement": "{rows} placement rows summed into {days} campaign days (per campaign, day and platform).",
        "import.summed.breakdown": "{rows} rows summed into {days} campaign periods (per campaign, day and platform).",
        "import.source": "{counter} from: {header}",
        "import.source.conversions": "Conversions",
        "import.source.leads": "Leads",
        "import.source.revenue": "Revenue",
    }
)
EN.update(
    {
        "import.error.ambiguous": "{column} “{value}” could be {thousands} or {decimal} ({decimal_nl} with a decimal comma): nothing else in the file says whether “.” and “,” mark thousands or decimals. Write the number without a thousands separator (e.g. 1000 or 1,5) and import again.",
        "import.error.future": "{date} is after today ({today}); numbers can only be imported for days that have happened.",
    }
)
EN.update(
    {
        "import.first_listed": "{count} problems; the first {shown} are listed.",
        "import.dimension": "Each value of “{dimension}” became a campaign.",
    }
)
