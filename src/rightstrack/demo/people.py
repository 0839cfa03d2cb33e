"""One demo account per role, with known passwords printed by `rightstrack demo`."""

from rightstrack.accounts.models import Institution, Role, User

DEMO_ACCOUNTS = [
    # username, role, institutions, language
    ("admin", Role.ADMINISTRATOR, [], "en"),
    ("coordinator", Role.COORDINATOR, ["CHR"], "en"),
    ("focal", Role.FOCAL_POINT, ["MIA", "MoH"], "ru"),
    ("assessor", Role.ASSESSOR, ["CHR"], "en"),
    ("viewer", Role.VIEWER, [], "kk"),
]


def demo_password(username: str) -> str:
    """Demo passwords are public by design: the demo is not a production installation."""
    return f"{username}-demo"


def create_demo_accounts() -> dict[str, User]:
    """Create (or reset) the demo accounts; institutions must already exist."""
    people = {}
    for username, role, institutions, language in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.role, user.language = role, language
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
        user.email = f"{username}@example.org"
        user.set_password(demo_password(username))
        user.save()
        user.institutions.set(Institution.objects.filter(abbreviation__in=institutions))
        people[username] = user
    return people
