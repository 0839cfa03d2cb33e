"""`rightstrack demo`: a fresh SQLite database with the reference data and the Kazakhstan set, then serve."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from rightstrack.demo.kazakhstan import load_institutions, load_kazakhstan
from rightstrack.demo.people import DEMO_ACCOUNTS, create_demo_accounts, demo_password
from rightstrack.jobs.models import Job
from rightstrack.search.services import cluster_suggestions_build
from rightstrack.search.signals import embedding_deferred
from rightstrack.tagreview.services import job_start
from rightstrack.taxonomy.reference import load_taxonomies


def _has_demo_data() -> bool:
    """Whether the demo database already holds the demo (its accounts), so a second run can keep it."""
    user = get_user_model()
    if user._meta.db_table not in connection.introspection.table_names():
        return False
    return user.objects.filter(username__in=[row[0] for row in DEMO_ACCOUNTS]).exists()


class Command(BaseCommand):
    help = ("Create the demo database (taxonomies, Kazakhstan set, one account per role) and serve it; a second run "
            "keeps the existing demo data unless --fresh is given.")

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Load the demo, then exit.")
        parser.add_argument("--fresh", action="store_true",
                            help="Delete the existing demo database and load the demo again.")

    def handle(self, *args, port, no_serve, fresh, **options):
        database = settings.DATABASES["default"]
        if not database["ENGINE"].endswith("sqlite3"):
            raise CommandError("The demo always uses a SQLite database; unset DATABASE_URL.")
        path = Path(database["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists()  # before looking inside, which creates an empty file
        if not fresh and existed and _has_demo_data():
            self.stdout.write(f"Keeping the existing demo data in {path} (run with --fresh to delete it and load the "
                              "demo again).")
            call_command("migrate", interactive=False, verbosity=0)
            if not no_serve:
                call_command("serve", port=port)
            return
        connection.close()
        if existed:
            self.stdout.write(f"Deleting the existing demo data in {path} (--fresh)" if fresh else
                              f"Replacing {path}, which held no demo data")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.stdout.write(f"Creating {path}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Loaded {load_taxonomies()} taxonomy terms")
        with embedding_deferred():  # `reindex` below embeds every text once
            load_institutions(actor=None)
            people = create_demo_accounts()
            counts = load_kazakhstan(actor=people["admin"], people=people)
        self.stdout.write("Loaded " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()))
        call_command("reindex", stdout=self.stdout)  # search vectors now, so "similar" works without a task worker
        found = cluster_suggestions_build(actor=people["coordinator"])
        self.stdout.write(f"Suggested {found} groups of near-duplicate recommendations to confirm "
                          "(Review → Near-duplicates)")
        # SDG suggestions to review: a bulk tagging job, which the worker `serve` starts runs in the background.
        job = job_start(actor=people["coordinator"], kind=Job.Kind.TAG, params={"taxonomy": "sdg"})
        self.stdout.write(f"Queued job {job.pk}: SDG tag suggestions for every recommendation (Review → Jobs)")
        self.stdout.write("\nDemo accounts (username / password — role):")
        for username, role, institutions, _language in DEMO_ACCOUNTS:
            where = f" ({', '.join(institutions)})" if institutions else ""
            self.stdout.write(f"  {username:<12} {demo_password(username):<18} {role.label}{where}")
        (Path(settings.EMAIL_FILE_PATH)).mkdir(parents=True, exist_ok=True)
        if not no_serve:
            call_command("serve", port=port)
