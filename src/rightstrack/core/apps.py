from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rightstrack.core"
    verbose_name = _("Core")

    def ready(self):
        from rightstrack.core.constraints import explain_constraints

        explain_constraints()
