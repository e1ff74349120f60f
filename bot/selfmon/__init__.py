"""Self-monitoring: running campaigns whose data stopped coming (flagged on Home, in the
digest and once to the channels of their targets)."""
