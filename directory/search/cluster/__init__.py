"""The search-cluster side of family search: mappings and queries built with
elasticsearch-dsl, sent through a thin transport to OpenSearch or Elasticsearch."""
