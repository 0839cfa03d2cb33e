"""Database constraints explained in sentences: a form that breaks one says what to do, never the constraint's name
(«Нарушено ограничение "evidence_file_or_url"»)."""

from django.apps import apps
from django.db.models import BaseConstraint
from django.utils.translation import gettext_lazy as _

# By constraint name; a constraint not listed gets GENERAL.
MESSAGES = {
    "evidence_file_or_url": _("Attach a file or give a link."),
    "progress_report_exactly_one_target": _("A progress report is about one measure or one recommendation: choose "
                                            "exactly one."),
    "assessment_exactly_one_target": _("An assessment is about one measure or one recommendation: choose exactly "
                                       "one."),
    "tag_exactly_one_target": _("A tag belongs to one measure or one recommendation: choose exactly one."),
    "subscription_one_target_per_kind": _("Follow one theme, one mechanism or one institution, as the kind you "
                                          "chose says."),
    "term_unique_code": _("This vocabulary already has a term with this code."),
    "plan_version_unique_number": _("This plan already has a version with this number."),
    "measure_unique_key_per_version": _("This plan version already has a measure with this number."),
    "indicator_value_unique_period": _("This indicator already has a value for this period."),
}
GENERAL = _("These values cannot be saved together; check the fields above and try again.")


def explain_constraints() -> None:
    """Give every model constraint that has Django's default message ("Constraint “name” is violated.") a sentence.

    Bound on the instance, not set as `violation_error_message`: that attribute is part of the migration state, and
    changing it would ask for a migration in every app."""
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.violation_error_message == BaseConstraint.default_violation_error_message:
                message = MESSAGES.get(constraint.name, GENERAL)
                constraint.get_violation_error_message = lambda message=message: str(message)
