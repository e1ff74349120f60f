"""One module per `/kpi` command: parse its arguments, call storage and kpi, build the reply."""
