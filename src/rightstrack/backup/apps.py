from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "rightstrack.backup"
    verbose_name = "Backup and restore"
