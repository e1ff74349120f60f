"""English texts of competitors: noting them, listing them, `/kpi compare me <competitor>`
and the digest's "you vs competitors". Dutch: competitors_nl.py, same keys and
placeholders. Values arrive formatted by the caller."""

EN: dict[str, str] = {
    # one observation
    "competitor.line": "{platform}, {date}: {values}",
    "competitor.followers.one": "{count} follower",
    "competitor.followers.other": "{count} followers",
    "competitor.engagement": "engagement rate {rate}",
    "competitor.posts.one": "{count} post",
    "competitor.posts.other": "{count} posts",
    "competitor.window": "(over {dates})",
    # /kpi competitor add
    "competitor.noted": "Noted for {name} — {line}",
    "competitor.updated": "Updated for {name} (that day was noted before; values not given are kept) — {line}",
    "competitor.new": "{name} is a new competitor of this workspace.",
    "competitor.noted_hint": "`/kpi compare me {name}` sets it against your own figures · `/kpi competitors` lists every competitor · the engagement rate and posts cover the days up to the date: 7 unless you say `days=30`.",
    # /kpi competitors
    "competitors.none": "No competitors yet. Note what you see of one with `/kpi competitor add`, or share a competitor CSV (columns competitor, platform, date, followers, engagement, posts) in a channel with kpibot.",
    "competitors.title": "Competitors ({count})",
    "competitors.entry.one": "{name} · 1 observation",
    "competitors.entry.other": "{name} · {count} observations",
    "competitors.hint": "The latest observation per platform. `/kpi compare me <competitor>` sets one against your own figures; `/kpi competitor remove <name>` removes one.",
    # remove
    "competitor.remove.ask.one": "Remove competitor {name} and its one observation? This cannot be undone.",
    "competitor.remove.ask.other": "Remove competitor {name} and its {count} observations? This cannot be undone.",
    "competitor.remove.platforms": "Observed on: {platforms}",
    # mistakes
    "competitor.error.usage": "Say what to do with a competitor: `add`, `remove`, or `/kpi competitors` to list them.",
    "competitor.error.add_usage": "Name the competitor and the platform, then what you saw: followers=…, engagement=… (%), posts=….",
    "competitor.error.platform": "`{word}` is not a platform kpibot knows. Put the platform last before the numbers; known: {known}.",
    "competitor.error.nothing": "Give at least one of followers=…, engagement=… (%) or posts=….",
    "competitor.error.key": "`{name}` is not something kpibot notes of a competitor: use followers=, engagement=, posts=, days= or date=.",
    "competitor.error.number": "{name}: `{value}` is not a number.",
    "competitor.error.whole": "{name}: `{value}` should be a whole number, 0 or more (days: 1 to 366).",
    "competitor.error.rate": "{name}: `{value}` should be a percentage between 0 and 1000 (3.1 or 3.1%).",
    "competitor.error.date": "`{value}` is not a date kpibot reads: write it as 2026-11-24 (or today, yesterday).",
    "competitor.error.future": "{value} is in the future: note what you have seen.",
    "competitor.error.name": "A competitor's name needs at least one letter or digit.",
    "competitor.error.remove_usage": "Name the competitor to remove.",
    "competitor.error.unknown": "No competitor named “{name}” in this workspace. Known: {known}.",
    "competitor.error.none_yet": "No competitor named “{name}”: this workspace has none yet.",
    "example.competitor_add": "`/kpi competitor add Acme linkedin followers=12400 engagement=3.1% posts=5` · `… on 2026-11-24` · `… days=30`",
    "example.competitor_remove": "`/kpi competitor remove Acme` · `/kpi competitors`",
}

EN.update(
    {
        # /kpi compare me <competitor>
        "compare_me.title": "You vs {name}",
        "compare_me.measure.engagement": "Engagement rate",
        "compare_me.measure.followers": "Follower growth",
        "compare_me.measure.posting": "Posting frequency",
        "compare_me.line": "{measure} · {dates}: you {you} · {name} {them}",
        "compare_me.per_week": "{count} posts a week",
        "compare_me.growth": "{rate} ({gained} followers)",
        "compare_me.gained_only": "{gained} followers but no growth rate ({why})",
        "compare_me.na": "n/a ({why})",
        "compare_me.na.no_data": "you have no {platform} figures in kpibot",
        "compare_me.na.period": "your {platform} figures cover {yours}, not all of these dates",
        "compare_me.na.kpi": "{why}",
        "compare_me.na.my_posts": "your {platform} figures have no posts on these dates",
        "compare_me.na.my_followers": "your figures have no follower count on {start} and no followers gained after it",
        "compare_me.na.my_start": "your figures have no follower count on {start} to grow from",
        "compare_me.na.zero_start": "0 followers on {start}: no growth rate",
        "compare_me.na.their_engagement": "no engagement rate noted for {name} on this platform",
        "compare_me.na.their_posts": "no posts noted for {name} on this platform",
        "compare_me.na.their_followers": "growth needs {name}'s follower counts on two dates ({count} noted)",
        "compare_me.you": "You: every campaign that is not archived, on {platforms}, as kpibot holds it; your engagement rate is engagements / reach × 100, your followers as your campaigns report them (summed).",
        "compare_me.them": "{name}: as noted (/kpi competitor add or a CSV); their engagement rate is as your source computes it (often per follower), so it may be computed differently from yours.",
        "compare_me.legend": "✓ marks the higher value. Figures are set side by side only over the same dates; a figure that cannot be computed says why.",
        "compare_me.error.kpi": "`{word}` cannot be set against a competitor: compare engagement, followers (growth) or posting (frequency).",
        "compare_me.error.usage": "Name the competitor to compare with.",
        "compare_me.error.platform": "`{word}` is not a platform kpibot knows.",
        "compare_me.error.no_platform": "{name} has no observations on {platform}; it has some on {platforms}.",
        "compare_me.error.nothing": "{name} has no observations yet: note some with `/kpi competitor add`.",
        "example.compare_me": "`/kpi compare me Acme engagement` · `/kpi compare me Acme followers on linkedin` · `/kpi compare me Acme`",
    }
)

EN.update(
    {
        # a digest's "You vs competitors"
        "digest.competitors.title": "You vs competitors",
        "digest.competitors.none": "No competitors noted yet: `/kpi competitor add <name> <platform> followers=… engagement=… posts=…`.",
        "digest.competitors.more": "… and {count} more: `/kpi competitors`.",
        "digest.subscribed.competitors": "With “You vs competitors” in the thread (`/kpi competitors` lists them).",
    }
)

EN.update(
    {
        # a competitor CSV
        "competitor.csv.noted": "{name}: {count} observations of {competitors} competitors noted ({added} new, {updated} updating a day noted before).",
        "competitor.csv.columns": "Columns used: {columns}",
        "competitor.csv.new": "New competitors: {names}",
        "competitor.csv.refused": "{name} was not imported — nothing was noted. Problems: {count}",
        "competitor.csv.line": "line {line}, {column}: {why}",
        "competitor.csv.more": "… and {count} more problems.",
        "competitor.csv.how": "A competitor CSV has a header with competitor, platform and date and at least one of followers, engagement (%), posts (optional: days, 7 when empty); Dutch names work too (concurrent, datum, volgers, berichten, dagen). Dates as 2026-11-24 or 24-11-2026.",
        "competitor.csv.no_header": "This is not a competitor CSV: its first line needs competitor, platform and date columns and one of followers, engagement, posts.",
        "competitor.csv.too_long": "More than {max} lines: a competitor file is typed by hand; split it.",
        "competitor.csv.name": "no competitor name",
        "competitor.csv.name_long": "a name of at most {max} characters, without control characters",
        "competitor.csv.platform": "`{value}` is not a platform kpibot knows",
        "competitor.csv.date": "`{value}` is not a date from 2000 through today",
        "competitor.csv.followers": "followers `{value}` should be a whole number, 0 or more",
        "competitor.csv.engagement": "engagement `{value}` should be a percentage between 0 and 1000",
        "competitor.csv.posts": "posts `{value}` should be a whole number, 0 or more",
        "competitor.csv.days": "days `{value}` should be a whole number from 1 to 366",
        "competitor.csv.nothing": "none of followers, engagement, posts",
        "competitor.csv.twice": "{name} on this platform on {date} is in the file twice",
    }
)
