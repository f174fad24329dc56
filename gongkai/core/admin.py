"""Shared admin shapes. Nothing is registered here."""
from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """A model the Django admin may show but never add to, change or delete from: its rows change only
    through the app's services (transition functions, audit rows, hash chain)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
