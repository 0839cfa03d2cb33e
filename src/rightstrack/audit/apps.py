from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "rightstrack.audit"
    verbose_name = _("Audit log")

    def ready(self):
        from rightstrack.audit import signals  # noqa: F401  (connects the sign-in and account-change receivers)
