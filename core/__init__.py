"""The lowest layer: no models, no imports of the apps above. Geography helpers, weekdays,
countries, ages and the search mechanism every indexed app declares its index with."""
