"""The deterministic hashing embedders the suite tags and searches with in place of E5 (`hashing-384` at the search
index's width), as the environment variables that choose them."""

FAST_EMBEDDERS = {"RIGHTSTRACK_TAGGING_EMBEDDER": "hashing-2048", "RIGHTSTRACK_SEARCH_EMBEDDER": "hashing-384"}
