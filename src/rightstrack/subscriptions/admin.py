from django.contrib import admin

from rightstrack.subscriptions.models import ConsentRecord, Subscriber, Subscription


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    extra = 0
    readonly_fields = ("kind", "term", "mechanism", "institution", "created_at", "confirmed_at")


class ConsentInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    readonly_fields = ("event", "consent_version", "consent_text", "topics", "at")
    can_delete = False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Read-only: consent is given and withdrawn only by the subscriber, through the mailed links."""

    list_display = ("email", "language", "created_at", "confirmed_at", "unsubscribed_at")
    search_fields = ("email",)
    readonly_fields = ("email", "language", "created_at", "confirmed_at", "unsubscribed_at", "last_digest_at")
    exclude = ("secret",)
    inlines = [SubscriptionInline, ConsentInline]

    def has_add_permission(self, request):
        return False
