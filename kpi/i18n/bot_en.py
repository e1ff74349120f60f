"""English texts of the replies to `/kpi` (in Slack and `kpibot ask`). Dutch: bot_nl.py, same
keys and placeholders. Button labels and mentions are Slack texts: bot/texts."""

EN: dict[str, str] = {
    # buttons and reply parts
    "reply.change_against": "{change} against {period}",
    "reply.no_previous": "no comparison: nothing to compare with in {period}",
    "reply.change_between": "{change}: {current} against {period}",
    "reply.no_data_in_past_period": "No data in this period.",
    "reply.metrics_through": "Metrics through {date} (costs through today)",
    "reply.by_platform": "By platform",
    "reply.data_through": "Data through {date}",
    "reply.imported_at": "imported {when}",
    "reply.no_data_in_period": "No data in this period yet.",
    "label.all_campaigns": "all campaigns",
    "cost.staff_hours": "staff {hours} h ({amount})",
    "cost.hours_times_rate": "{hours} h × {rate} = {amount}",
    "cost.category.ads": "ads",
    "cost.category.tools": "tools",
    "cost.category.staff": "staff",
    "cost.category.agency": "agency",
    "cost.category.content": "content",
    "cost.category.other": "other",
    "cost.saved": "Saved {amount} for {category} on `{campaign}` ({date}). It now counts in total cost and ROI.",
    "cost.hint": "See the effect: `/kpi roi {campaign}`",
    "log.saved": "Saved for `{campaign}` on {date} ({platform}): {values}.",
    "log.hint": "Check it: `/kpi report {campaign}`",
    # list, report, compare, settings
    "list.title": "Campaigns ({count})",
    "list.no_data": "no data yet",
    "list.hint": "Ask about one: `/kpi roi <campaign>` · every KPI: `/kpi report <campaign>`",
    "list.and_more": " and {count} more",
    "report.title": "Report · {scope} · {dates}",
    "report.against": "Change against {period}",
    "report.against_partial": "Change: {current} against {period} (the same number of days)",
    "report.no_previous": "No change shown: no data in {period} to compare with.",
    "report.metrics_through": "Metrics through {date}; costs through today.",
    "report.not_reported": "Not in the data for this period: {names}.",
    "compare.title": "{a} vs {b} · {dates}",
    "compare.legend": "✓ marks the better value of a KPI; none on a tie or on money spent.",
    "settings.current": "Settings for this workspace: language *{locale}*, currency *{currency}*, timezone *{timezone}*.",
    "settings.hint": "Change one: `/kpi settings locale nl` · `/kpi settings currency EUR` · `/kpi settings timezone Europe/Amsterdam` · admins: `/kpi settings delete-data` removes all of this workspace's data",
    "settings.locale_set": "Replies are now in English.",
    "settings.currency_set": "Data that carries no currency of its own is now counted in {value}. Campaigns that already hold money keep the currency it was stored in.",
    "settings.timezone_set": "Timezone set to {value}.",
    # help
    "help.title": "kpibot — your campaign numbers in Slack",
    "help.intro": "Ask for a KPI of a campaign and get the number, the period it covers, how it was computed and how it changed.",
    "help.commands": (
        "*Ask*\n"
        "• `/kpi roi campaign-x` — ROI of a campaign to date\n"
        "• `/kpi cpa campaign-x last week` — any KPI, any period\n"
        "• `/kpi engagement all this month on instagram` — every campaign, one platform\n"
        "• `/kpi report campaign-x 2026-10` — every KPI with the change against the period before\n"
        "• `/kpi compare campaign-x campaign-y roi` — two campaigns side by side\n"
        "• `/kpi list` — the campaigns kpibot knows\n"
        "*Add numbers*\n"
        "• `kpibot import export.csv` on the server, or drop the CSV in a channel with kpibot\n"
        "• `/kpi log campaign-x 2026-11-20 instagram impressions=12000 clicks=340 spend=250`\n"
        "• `/kpi cost campaign-x 120 tools Canva` · `/kpi cost campaign-x 8h@45 staff`\n"
        "• `/kpi connect meta|google-ads|linkedin|ga4` — the numbers fetched every day · `/kpi connections` · `/kpi sync` · `/kpi disconnect meta` (admins)\n"
        "*Campaigns*\n"
        "• `/kpi campaign campaign-x` — what it holds · `goal campaign-x conversion` · `budget campaign-x 5000`\n"
        "• `/kpi campaign rename campaign-x campaign-2026` · `merge campaign-y into campaign-x` · `archive campaign-x` · `unarchive campaign-x` · `delete campaign-x` (`/kpi help campaign`)\n"
        "*Targets and digests*\n"
        "• `/kpi target campaign-x engagement >= 3% by 2026-12-31` · `/kpi targets`\n"
        "• `/kpi watch campaign-x cpa` — a message here when it is unusual · `/kpi watches` · `/kpi unwatch campaign-x cpa`\n"
        "• `/kpi digest weekly monday 09:00` — a weekly summary in this channel\n"
        "• `/kpi benchmark engagement 2.5% on linkedin` — your own benchmark · `/kpi benchmarks`\n"
        "• `/kpi competitor add Acme linkedin followers=12400 engagement=3.1% posts=5` · `/kpi competitors` · `/kpi compare me Acme`\n"
        "*Settings*\n"
        "• `/kpi settings locale nl` — Nederlands · `/kpi settings currency EUR`"
    ),
    "help.more": "All KPIs: `/kpi help kpis` · periods: `/kpi help periods` · In a channel named after a campaign you can leave the campaign out; names need no quotes (`/kpi roi Summer Sale`). Changes say better or worse: `▲ 18.0 % — worse` for a cost that rose.",
    "help.kpis_title": "KPIs kpibot knows",
    "help.topic.kpis": "",
    "help.topic.periods": (
        "*Periods* (weeks start on Monday; no period = the campaign to date)\n"
        "`today` · `yesterday` · `this week` · `last week` · `7d` · `30d` · `this month` · "
        "`last month` · `this quarter` · `this year` · `2026-Q3` · `2026-10` · `2026-10-01..2026-10-31` · "
        "`since 2026-10-01`\n"
        "To date runs through today (costs booked today count). A period that is not over yet "
        "is compared with the same number of days before it, and the reply names both ranges."
    ),
    "help.topic.import": (
        "*Importing numbers*\nExports from Meta Ads Manager, LinkedIn, Google Ads and GA4 are "
        "recognised from their header row. The simplest file has the columns "
        "`date,campaign,platform` and counters such as `impressions,reach,clicks,spend,revenue`."
    ),
    "help.topic.log": "`/kpi log campaign-x 2026-11-20 instagram impressions=12000 clicks=340 spend=250`",
    "help.topic.cost": (
        "Costs outside the ad platforms make ROI honest: "
        "`/kpi cost campaign-x 120 tools Canva` · `/kpi cost campaign-x 8h@45 staff` · "
        "categories: ads, tools, staff, agency, content, other"
    ),
    "help.topic.targets": "`/kpi target campaign-x engagement >= 3% by 2026-12-31` (or `/kpi target` alone for a form) · `/kpi targets` lists them with their state · `/kpi target delete 3` · `/kpi alerts` shows the alert history",
    "help.topic.digest": "`/kpi digest weekly monday 09:00 Europe/Amsterdam` (add `quiet` to skip weeks where nothing moved, `competitors` for “You vs competitors”) · `/kpi digest preview` · `/kpi digest off`",
    # errors
    "error.try": "Try:",
    "error.try_help": "`/kpi help` lists every command.",
    "error.busy": "I'm busy answering many questions right now, so this one was not queued. Please try again in a minute.",
    "error.internal": "Sorry — something went wrong on our side and it has been logged. Please try again in a minute.",
    "error.garbled": "I could not read that command.",
    "error.unbalanced_quotes": "A quote is opened but never closed.",
    "error.unknown_kpi": "I don't know the KPI “{word}”. Did you mean: {suggestions}? (`/kpi help kpis` lists them all.)",
    "error.unknown_campaign": "There is no campaign “{name}” in this workspace. Known campaigns, closest first: {known}. Did you mean `/kpi {command}`?",
    "error.campaign_missing": "Which campaign? Name it in the command (or use this in a channel named after the campaign).",
    "error.no_campaigns": "This workspace has no campaigns yet. Import an export first.",
    "error.no_campaigns_named": "There is no campaign “{name}” in this workspace: it has no campaigns yet. Import an export first.",
    "error.no_data": "There are no numbers for {name} yet.",
    "error.period": "I can't read “{text}” as a period.",
    "error.platform_last": "Put `on <platform>` at the end of the command.",
    "error.platform_missing": "`on` needs a platform after it, such as facebook or instagram.",
    "error.platform_no_data": "There is no data for platform “{platform}” in this period.",
    "error.compare_two": "Compare needs two campaigns.",
    "error.compare_same": "Both campaigns are `{name}`: pick two different ones.",
    "error.log_pair": "“{word}” should look like name=value.",
    "error.log_order": "Put “{word}” before the name=value pairs.",
    "error.log_nothing": "Nothing to log: add counters as name=value.",
    "error.log_word": "I can't read “{word}” as a date (YYYY-MM-DD) or a platform.",
    "error.log_future": "{date} is in the future: numbers can only be logged for days that have happened.",
    "error.log_counter": "“{name}” is not a counter kpibot keeps. Known: {known}.",
    "error.log_number": "{name}={value}: the value must be a number.",
    "error.log_negative": "{name}={value}: counts can't be negative.",
    "error.log_whole": "{name}={value}: this counter is a whole number.",
    "error.cost_short": "A cost needs a campaign, an amount and a category.",
    "error.cost_category": "Which kind of cost is it? Add a category: ads, tools, staff, agency, content or other.",
    "error.cost_category_unknown": "“{category}” is not a cost category. Use one of: {known}.",
    "error.cost_amount": "“{value}” is not an amount: use a number like 250 or hours@rate like 8h@45.",
    "error.settings_locale": "“{value}” is not a language kpibot speaks: use en or nl.",
    "error.settings_currency": "“{value}” is not a currency code kpibot knows: use an ISO code such as EUR, USD, GBP or AUD.",
    "error.settings_timezone": "“{value}” is not a timezone: use a name such as Europe/Amsterdam.",
    "error.settings_key": "There is no setting “{key}”: use locale, currency or timezone.",
    "error.not_available": "`/kpi {name}` is not available in this installation yet.",
    # examples
    "example.kpi": "`/kpi roi campaign-x` · `/kpi engagement campaign-x last week`",
    "example.period": "`/kpi roi campaign-x last month` · `2026-10` · `2026-10-01..2026-10-31` · `since 2026-10-01`",
    "example.platform": "`/kpi ctr campaign-x last week on instagram`",
    "example.compare": "`/kpi compare campaign-x campaign-y roi last month`",
    "example.report": "`/kpi report campaign-x last month`",
    "example.target": "`/kpi target campaign-x engagement >= 3% by 2026-12-31`",
    "example.targets": "`/kpi targets campaign-x`",
    "example.alerts": "`/kpi alerts campaign-x`",
    "example.log": "`/kpi log campaign-x 2026-11-20 instagram impressions=12000 clicks=340 spend=250`",
    "example.cost": "`/kpi cost campaign-x 120 tools Canva` · `/kpi cost campaign-x 8h@45 staff`",
    "example.import": "`kpibot import metrics.csv` (or drop the CSV in a channel with kpibot)",
    "example.settings_locale": "`/kpi settings locale nl`",
    "example.settings_currency": "`/kpi settings currency EUR` · `/kpi settings currency USD` · `/kpi settings currency AUD`",
    "example.settings_timezone": "`/kpi settings timezone Europe/Amsterdam`",
}
