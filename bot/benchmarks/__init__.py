"""Benchmarks: where a KPI sits in its industry range or the workspace's own (a reply's
line), and `/kpi benchmark`, `/kpi benchmarks` to set, list and reset a workspace's own."""
