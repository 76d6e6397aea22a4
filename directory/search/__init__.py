"""The places' side of family search: the place criteria of the public contract, the places'
index declaration and the map page. The mechanism itself is `core.search`."""
