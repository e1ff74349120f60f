"""The workspace feature: what happens to a workspace's data when the app is uninstalled or
its token revoked (`lifecycle`), and `/kpi settings delete-data` (`delete_data`)."""
