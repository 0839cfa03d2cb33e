"""`rightstrack recompute-statuses`: derive every recommendation's status and institutions from its measures."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from rightstrack.recommendations.status import recommendation_derive_all


class Command(BaseCommand):
    help = ("Derive every recommendation's status (and, unless set directly, its institutions) from the measures "
            "that answer it and its approved progress reports; run it after an import or an upgrade.")

    def handle(self, *args, **options):
        with tqdm(total=0, unit=" recommendations", file=self.stderr._out, disable=None) as bar:
            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            read, changed = recommendation_derive_all(progress=progress)
        self.stdout.write(f"{read} recommendations read, {changed} changed.")
