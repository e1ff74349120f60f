"""Pure Block Kit builders: values in, dicts out. Slack's limits are enforced here."""
