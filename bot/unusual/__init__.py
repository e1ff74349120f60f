"""Unusual changes and their drivers: the lines replies and digests show, and the watches
(`/kpi watch`) that alert when a campaign's KPI leaves its usual range."""
