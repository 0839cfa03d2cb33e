from django.contrib import admin

from rightstrack.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with `rightstrack api-token`; here they can be seen and revoked, never read."""

    list_display = ("key_prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "key_prefix", "created_at", "last_used_at")
    exclude = ("key_hash",)

    def has_add_permission(self, request):
        return False
