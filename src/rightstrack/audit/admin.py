"""The audit log in Django's admin: administrators read and filter it; nobody adds, changes or deletes."""

from django.contrib import admin

from rightstrack.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "kind", "username", "ip_address", "target")
    list_filter = ("kind",)
    search_fields = ("username", "target", "ip_address")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
