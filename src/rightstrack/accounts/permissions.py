"""Who may do what, by role and institution. Services call `require()`; selectors call `published_unless_internal`.
Each domain app keeps its own predicates in its `permissions.py` (planning, recommendations).

Roles: administrators and coordinators write everywhere; focal points write only on items
where one of their institutions is lead or co-executor; assessors write their own
assessments; viewers read. Anonymous visitors read published records only.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from rightstrack.accounts.models import Role

MANAGERS = {Role.ADMINISTRATOR, Role.COORDINATOR}
# The reader of the public portal, the open-data exports and the digests sent to subscribers.
ANONYMOUS = AnonymousUser()


def role_of(user) -> str | None:
    """The user's role, or None for anonymous visitors and inactive accounts."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Role.ADMINISTRATOR if user.is_superuser else user.role


def is_manager(user) -> bool:
    """Administrators and coordinators: they curate every record."""
    return role_of(user) in MANAGERS


def is_internal(user) -> bool:
    """Any signed-in, active account (sees unpublished records)."""
    return role_of(user) is not None


def published_unless_internal(qs: QuerySet, user, published: Q | None = None) -> QuerySet:
    """Row-level visibility shared by every domain selector: signed-in users see every record; anonymous
    visitors only published ones."""
    if is_internal(user):
        return qs
    return qs.filter(published if published is not None else Q(is_published=True))


def responsible_institution_ids(obj) -> set[int]:
    """Lead and co-executing institutions of a recommendation or measure (or of a report's target)."""
    target = getattr(obj, "target", obj)
    ids = set(target.co_executors.values_list("id", flat=True))
    if target.lead_institution_id:
        ids.add(target.lead_institution_id)
    return ids


def is_responsible(user, obj) -> bool:
    """A focal point whose institution leads or co-executes the item."""
    return role_of(user) == Role.FOCAL_POINT and bool(user.institution_ids & responsible_institution_ids(obj))


def responsibilities_of(user, obj) -> list[tuple]:
    """A focal point's institutions responsible for the item, each as (institution, leads?): why it is theirs."""
    if role_of(user) != Role.FOCAL_POINT:
        return []
    target = getattr(obj, "target", obj)
    co_executors = set(target.co_executors.values_list("id", flat=True))
    return [(institution, institution.pk == target.lead_institution_id) for institution in user.institutions.all()
            if institution.pk == target.lead_institution_id or institution.pk in co_executors]


def can_report_on(user, obj) -> bool:
    """May write progress reports, evidence and indicator values on this measure or recommendation."""
    return is_manager(user) or is_responsible(user, obj)


def require(allowed: bool, message: str = "") -> None:
    """Raise PermissionDenied unless allowed; services call this before they write anything."""
    if not allowed:
        raise PermissionDenied(message or _("You do not have permission to do this."))


def manager_required(view):
    """Sign-in required, then coordinators and administrators only (403 for other roles, GET included)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_manager(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
