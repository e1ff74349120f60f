"""Campaigns and their metrics: the campaign rows, the daily metrics imported or logged for
them, what is summed from those, and managing campaigns (rename, archive, merge, delete)."""
