"""Who may assess: the recommendations app's permission predicates (roles and institutions are in accounts)."""

from rightstrack.accounts.models import Role
from rightstrack.accounts.permissions import role_of
from rightstrack.recommendations.models import Assessment


def can_assess(user) -> bool:
    """Assessors (and administrators) record independent assessments."""
    return role_of(user) in {Role.ASSESSOR, Role.ADMINISTRATOR}


def can_edit_assessment(user, assessment: Assessment) -> bool:
    """An assessment belongs to its organisation; nobody else edits it, administrators aside."""
    role = role_of(user)
    return role == Role.ADMINISTRATOR or (role == Role.ASSESSOR and assessment.organisation_id in user.institution_ids)
