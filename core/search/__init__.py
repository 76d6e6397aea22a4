"""Family search, one mechanism for every index: apps declare an index (`index.SearchIndex`:
model, criteria, order, facets, the pages it follows) and register it; this package derives
the FilterSet and the OpenAPI parameters (`query`, `openapi`), answers through the cluster or
the database (`service`, `engines`), keeps the cluster's documents true (`signals`,
`indexing`) and talks to OpenSearch or Elasticsearch (`transport`). See docs/search.md."""
