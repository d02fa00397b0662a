"""Write-audit-publish: plan, lock, dbt build into a candidate, audit, export, publish.

The only code that writes the published warehouse."""
