"""`rightstrack reindex`: rebuild the search index (full text, then vectors of changed texts) with progress."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from rightstrack.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the full-text index and embed recommendations and measures whose text changed."

    def add_arguments(self, parser):
        parser.add_argument("--no-embeddings", action="store_true", help="Full text only (fast).")

    def handle(self, *args, no_embeddings, **options):
        # A bar on a terminal only: written to a log or a pipe, carriage returns ran the counts together.
        with tqdm(total=0, unit=" records", file=self.stderr._out, disable=None) as bar:
            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            counts = reindex_all(progress=progress, embeddings=not no_embeddings)
        self.stdout.write(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items()))
