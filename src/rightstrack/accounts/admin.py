"""Administrators manage accounts, roles and institutions in Django's admin."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from rightstrack.accounts.models import Institution, User


@admin.register(User)
class RightstrackUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("rightstrack", {"fields": ("role", "institutions", "language")}),)
    list_display = ("username", "email", "role", "is_active")
    list_filter = ("role", "is_active", "institutions")


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ("abbreviation", "name", "kind")
    search_fields = ("abbreviation", "name")
