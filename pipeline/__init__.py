"""Build tooling around the dbt project: seed checks, the GX audit, write-audit-publish."""
