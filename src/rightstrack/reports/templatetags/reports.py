"""`{% indicator_chart indicator %}`: the indicator's series as inline SVG on its own page."""

from django import template
from django.utils.safestring import mark_safe

from rightstrack.reports.figures import indicator_chart as build_indicator_chart

register = template.Library()


@register.simple_tag
def indicator_chart(indicator):
    """Actual values against target and baseline; the SVG escapes every text it draws."""
    return mark_safe(f'<figure class="chart" style="margin:1rem 0;max-width:100%;overflow-x:auto">{build_indicator_chart(indicator).svg}</figure>')
