"""SMART targets and their alert events, with the alert claim."""
