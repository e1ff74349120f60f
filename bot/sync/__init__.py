"""The sync feature: platform connections (`/kpi connect|connections|disconnect|sync`,
`kpibot connect|connections|sync`), the daily sync job, and the progress message."""
