from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """The home page: each plan's story and what needs attention, assembled from the domain selectors."""

    name = "rightstrack.dashboards"
    verbose_name = _("Dashboards")
