"""Competitors: `/kpi competitor add|remove`, `/kpi competitors`, a competitor CSV, `/kpi
compare me <competitor>` and the digest's "you vs competitors"."""
