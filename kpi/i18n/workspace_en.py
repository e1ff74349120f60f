"""English texts of a workspace's own data: deleting all of it, and who may."""

EN = {
    "workspace.delete.ask": (
        "*Delete all of this workspace's data from kpibot?* This removes {campaigns} campaigns "
        "with {rows} rows of daily numbers and {costs} cost entries, {targets} targets with "
        "{alerts} alerts, {subscriptions} digest subscriptions, the workspace's settings and "
        "kpibot's installation here (its tokens). It cannot be undone."
    ),
    "workspace.delete.button": "Delete all data",
    "workspace.delete.cancel": "Cancel",
    "workspace.delete.cancelled": "Nothing was deleted.",
    "workspace.delete.done": (
        ":wastebasket: {user} deleted all of this workspace's data from kpibot: {campaigns} "
        "campaigns, {rows} rows of daily numbers, {costs} cost entries, {targets} targets, "
        "{alerts} alerts, {subscriptions} digest subscriptions and the workspace's settings."
    ),
    "workspace.delete.uninstalled": (
        "kpibot is uninstalled from this workspace and keeps no token for it. Install it again "
        "to start afresh."
    ),
    "workspace.delete.not_admin": (
        "Only a workspace admin or owner can delete all of the workspace's data."
    ),
    "workspace.delete.not_in_slack": (
        "Deleting a workspace's data is confirmed with a button in Slack: type "
        "`/kpi settings delete-data` there (workspace admins and owners only)."
    ),
    "example.delete_data": "/kpi settings delete-data",
}
