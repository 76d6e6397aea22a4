"""Family search: one parameter object, one result type, two engines (database and cluster)."""
