"""PostgreSQL: the pool, tenant-scoped transactions, migrations and the embedded server."""
