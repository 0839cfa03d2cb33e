"""Recovery codes stored before were kept as typed: keep only their digests (`two_factor.recovery_code_digest`)."""

from django.db import migrations

from rightstrack.accounts.two_factor import recovery_code_digest


def hash_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all():
        token.token = recovery_code_digest(token.token)
        token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("otp_static", "0003_add_timestamps")]
    operations = [migrations.RunPython(hash_codes, migrations.RunPython.noop)]
