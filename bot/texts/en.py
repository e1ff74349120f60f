"""English texts that only make sense in Slack: button labels, modal titles and fields,
mentions of who clicked, what to do in a channel. Dutch: nl.py, same keys and placeholders.
Domain texts stay in kpi/i18n."""

EN: dict[str, str] = {
    # alerts: the buttons under an alert, who clicked them, an alert that could not be posted
    "alerts.button.ack": "Acknowledge",
    "alerts.button.snooze_1d": "Snooze 1 day",
    "alerts.button.snooze_7d": "Snooze 7 days",
    "alerts.button.edit": "Edit target",
    "alerts.acknowledged_by": "Acknowledged by {user}",
    "alerts.snoozed_until": "Snoozed until {until} by {user}",
    "alerts.undeliverable": "I could not post the alert about your target #{target} ({kpi}) in <#{channel}>: {reason}. Invite me to that channel (`/invite @kpibot`) or set the target again in a channel I am in; `/kpi targets` shows where it stands.",
    "alerts.unevaluable": "I could not check your target #{target} ({kpi} of {campaign}, by {deadline}): {reason}. {fix}",
    "alerts.unevaluable.no_data": "Upload the campaign's latest export (`/kpi import`) or log its numbers (`/kpi log {campaign} …`); `/kpi targets` shows where it stands.",
    "alerts.unevaluable.na": "Import an export that reports {term} for `{campaign}`, or set the target on a KPI its data has (`/kpi target delete` and `/kpi target …`).",
    "alerts.uncheckable": "I could not check your target #{target} ({kpi}) because of an error on our side (the operator can see it in the log). I keep trying; `/kpi targets` shows where it stands.",
    "alerts.undeliverable.internal": "an error on our side (the operator can see it in the log)",
    # targets: the channel a target is set in, the modal
    "targets.error.channel": 'Alerts go to the channel a target is set in: set it in that channel. In the terminal, name the channel: `kpibot ask "target …" --channel C0123ABCD` (its ID) or `--channel marketing` (a public channel, looked up in Slack).',
    "targets.modal.title": "Set a target",
    "targets.modal.edit_title": "Edit target #{id}",
    "targets.modal.campaign": "Campaign",
    "targets.modal.kpi": "KPI",
    "targets.modal.op": "At least / at most",
    "targets.modal.op_ge": "at least (>=)",
    "targets.modal.op_le": "at most (<=)",
    "targets.modal.value": "Value",
    "targets.modal.value_hint": "e.g. 3% or 20 or 50k",
    "targets.modal.deadline": "Deadline",
    "targets.modal.window": "Window in days",
    "targets.modal.submit": "Save",
    # queries: the buttons under a reply and who shared it
    "button.share": "Share in channel",
    "button.full_report": "Full report",
    "reply.shared_by": "Shared by {user} · `{command}`",
    # any button whose value is out of date
    "action.stale": "That button is out of date. Run the command again, for example `/kpi targets`.",
    # campaigns: the confirmation buttons, who clicked them, an out-of-date or cancelled one
    "campaign.button.delete": "Delete {slug}",
    "campaign.button.merge": "Merge into {into}",
    "campaign.button.cancel": "Cancel",
    "log.button.create": "Create {name}",
    "log.button.to": "Log to {slug}",
    "campaign.deleted": ":wastebasket: {user} deleted `{slug}`. Removed:",
    "campaign.merged": ":twisted_rightwards_arrows: {user} merged `{slug}` into `{into}`. Moved:",
    "campaign.stale": "That button is out of date — nothing was changed. The campaign was changed, renamed or removed since; run the command again to see what it would do now.",
    "campaign.cancelled": "Cancelled — nothing was changed.",
    # digests: a channel's digest paused by Slack, run in a channel, a preview only you see
    "digest.paused": "Weekly digest paused for this channel: {reason}",
    "digest.paused.removed": "kpibot was removed from this channel (or the channel was deleted)",
    "digest.paused.archived": "this channel was archived",
    "digest.paused.access": "kpibot lost its access to this workspace — ask an admin to reinstall it",
    "digest.paused.schedule": "It was set for every {weekday} at {time} ({timezone}).",
    "digest.paused.resume": "To resume: `/invite @kpibot` here, then subscribe again, e.g. `/kpi digest weekly monday 09:00`.",
    "digest.error.channel": 'Digests go to a channel: run `/kpi digest weekly monday 09:00` in the channel that should get it (in the terminal: `kpibot ask "digest …" --channel marketing` or `--channel C0123ABCD`).',
    "digest.preview_note": "Preview, only you can see this. The channel gets it {weekday} at {time}.",
    "digest.preview_note.none": "Preview, only you can see this. This channel has no weekly digest yet: `/kpi digest weekly monday 09:00`",
    # imports: a file shared in a channel
    "import.slack.too_big": "{name} is {size} MB; files up to {limit} MB can be imported. Split the export by date range and share the parts.",
    "import.slack.not_csv": "{name} is not a CSV file. Export the report as CSV (comma or semicolon separated) and share that.",
    "import.slack.download_failed": "I could not download {name} from Slack. Please share it again.",
    "import.slack.how": "Share a CSV export in this channel (or as a reply to this message) and I will import it and answer in its thread.",
}
