"""A fingerprint of every row of every rightstrack table (history included), to prove nothing changed."""

import hashlib

from django.apps import apps

APPS = {"accounts", "taxonomy", "recommendations", "planning", "legislation", "search", "imports", "jobs"}


def database_fingerprint() -> dict[str, str]:
    result = {}
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        rows = list(model.objects.order_by("pk").values_list())
        result[model._meta.label] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return result
