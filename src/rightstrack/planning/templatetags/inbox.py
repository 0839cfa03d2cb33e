"""The main menu's inbox link: how many progress reports wait for review."""

from django import template

from rightstrack.planning.selectors import progress_report_awaiting_review_count

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_count(context) -> int:
    """Submitted reports the signed-in user may read (the template shows the link to managers only)."""
    return progress_report_awaiting_review_count(user=context["request"].user)
