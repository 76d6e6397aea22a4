"""Fictional demo places: generated deterministically, written to the database in bulk.

`manage.py seed_demo` drives this package. Every demo place is an ordinary live PlacePage under the
directory root, recognisable by its slug: ``demo-000042-…``, where 000042 is its 1-based index in
the demo set. The place with index *i* is drawn from ``random.Random(f"{seed}:{i}")`` alone, so it
does not depend on how many places are generated: a second run with the same seed finds every
place already there and creates nothing, and a run with a larger count only adds the missing ones.

One module per job:

- `words`: the word lists and sentences (place names, streets, prices, languages, descriptions);
- `catalogue`: the real rows the places point at (programmes, communes, postcodes, languages…);
- `generator`: draws one place from its seeded stream (with `texts` for the French phrasing and
  `phones` for fictional phone numbers);
- `writer`: the bulk writer (pages, places, relations, organiser groups), finding and clearing
  demo places, and indexing the new ones.

The text is invented: place names, streets and phone numbers are fictional; descriptions are
written for this project from what the programmes and objectives are about.
"""
