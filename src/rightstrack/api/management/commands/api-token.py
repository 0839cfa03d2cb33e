"""`rightstrack api-token USERNAME`: issue a personal API token (shown once), list or revoke them."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rightstrack.api.models import ApiToken, api_token_create


class Command(BaseCommand):
    help = "Issue an API token for a user (printed once; only its hash is stored), or list/revoke tokens."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument("--list", action="store_true", dest="show", help="List the user's tokens.")
        parser.add_argument("--revoke", metavar="PREFIX", help="Revoke the token starting with PREFIX.")

    def handle(self, *args, username, name, show, revoke, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if show:
            for token in ApiToken.objects.filter(user=user):
                state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
                self.stdout.write(f"{token.key_prefix}…  {token.name or '-'}  {state}")
        elif revoke:
            count = ApiToken.objects.filter(user=user, key_prefix__startswith=revoke,
                                            revoked_at__isnull=True).update(revoked_at=timezone.now())
            if not count:
                raise CommandError(f"No active token of {username} starts with {revoke!r}.")
            self.stdout.write(f"Revoked {count} token(s).")
        else:
            _token, raw = api_token_create(user=user, name=name)
            self.stdout.write(raw)
