"""Invented demo content, kept apart from the product: no other app imports this one.

- ``data/``: what the demo says, as frozen dataclasses (``shapes``): vocabulary, reviews,
  briefings, news, the site's own pages and the text of its documents;
- ``loader``: the one reader of that data, which builds it with the idempotent ``builders``
  (``pdfs`` typesets the documents);
- ``generated`` and ``bulk``: reviews made up from a number and written in bulk, for load
  tests;
- ``management/commands``: ``load_demo_content`` and ``generate_reviews N``.

Everything here is invented: no real child, family or case.
"""
