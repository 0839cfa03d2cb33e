from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rightstrack.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from rightstrack.accounts import two_factor  # its django-otp models load only once the apps are ready

        user_logged_in.connect(two_factor.hold_session_at_step, dispatch_uid="rightstrack_two_factor_step")
