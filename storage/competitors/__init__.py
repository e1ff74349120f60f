"""Competitors a workspace follows by hand and what was seen of them, by date and platform."""
