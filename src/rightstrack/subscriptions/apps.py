from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "rightstrack.subscriptions"
    verbose_name = "Subscriptions"
