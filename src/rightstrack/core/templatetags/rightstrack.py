"""Template helpers used on every page: translated fields, status badges, query-string edits."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from rightstrack.core.models import marked, original_mark_of

register = template.Library()

BADGE_CLASSES = {
    "not_started": "badge-grey", "in_progress": "badge-blue", "partially_implemented": "badge-amber",
    "implemented": "badge-green", "not_implemented": "badge-red",
    "draft": "badge-grey", "submitted": "badge-blue", "approved": "badge-green", "returned": "badge-amber",
    "supported": "badge-green", "partially_supported": "badge-amber", "noted": "badge-grey", "pending": "badge-grey",
    "suggested": "badge-blue", "accepted": "badge-green", "rejected": "badge-red",
    "insufficient": "badge-amber", "partial": "badge-amber", "unknown": "badge-grey", "overdue": "badge-red",
    "due_soon": "badge-amber",
    "queued": "badge-grey", "running": "badge-blue", "done": "badge-green", "failed": "badge-red",
}


@register.filter
def tr(obj, field):
    """`{{ obj|tr:"title" }}`: the field in the active language, falling back to the original text."""
    return obj.tr(field) if obj is not None else ""


@register.simple_tag
def original_mark(obj, field="name"):
    """A small visible mark after a name shown in its original language because it has no translation yet
    (`TranslatableModel.original_mark`; plain-text outputs use `core.models.marked`)."""
    mark = original_mark_of(obj, field)
    if not mark:
        return ""
    return format_html(' <abbr class="original-mark" title="{}">{}</abbr>',
                       _("Not translated yet: shown in the original language"), mark)


@register.filter(name="marked")
def marked_filter(obj, text=None):
    """`{{ term|marked:label }}` where markup cannot go (an <option>): `label` (default the record's name) with the
    same mark as plain text, "Death penalty (EN)" (`core.models.marked`)."""
    return marked(obj, text)


@register.filter
def translation_group(form, name):
    """The tabs of a translatable field (`{% with group=form|translation_group:field.name %}`); None for others."""
    groups = form.translation_groups() if hasattr(form, "translation_groups") else {}
    return groups.get(name)


@register.filter
def is_translation_input(field) -> bool:
    """A `<field>__<lang>` input, shown inside its field's tabs rather than on its own."""
    return "__" in field.name and field.name.split("__")[0] in getattr(field.form, "translated_fields", ())


@register.simple_tag
def badge(value, label):
    """A status badge: a coloured pill that always carries its word, never colour alone."""
    return format_html('<span class="badge {}">{}</span>', BADGE_CLASSES.get(value, "badge-grey"), label)


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with some parameters replaced (None or "" removes them)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    params.pop("page", None) if "page" not in changes else None
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def toggle_filter(context, key, value):
    """The query string with one facet value added or removed (facets are multi-valued)."""
    params = context["request"].GET.copy()
    values = params.getlist(key)
    value = str(value)
    params.setlist(key, [v for v in values if v != value] if value in values else [*values, value])
    params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
