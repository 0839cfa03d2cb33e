"""`rightstrack reindex`: rebuild the search index (full text, then vectors of changed texts) with progress."""

from django.core.management.base import BaseCommand

from rightstrack.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the full-text index and embed recommendations and measures whose text changed."

    def add_arguments(self, parser):
        parser.add_argument("--no-embeddings", action="store_true", help="Full text only (fast).")

    def handle(self, *args, no_embeddings, **options):
        def progress(done, total):
            self.stderr.write(f"\r{done}/{total}", ending="")

        counts = reindex_all(progress=progress, embeddings=not no_embeddings)
        self.stderr.write("")
        self.stdout.write(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items()))
