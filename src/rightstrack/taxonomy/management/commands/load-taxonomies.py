"""`rightstrack load-taxonomies`: create or refresh the shipped vocabularies (a deployment step)."""

from django.core.management.base import BaseCommand

from rightstrack.taxonomy.reference import load_taxonomies


class Command(BaseCommand):
    help = ("Create or refresh the shipped vocabularies: SDG goals and targets, UHRI themes and concerned groups, "
            "treaties, ICCPR and CAT articles, UPR Info issues and action categories. Running it again changes "
            "nothing.")

    def handle(self, *args, **options):
        self.stdout.write(f"terms: {load_taxonomies()}")
