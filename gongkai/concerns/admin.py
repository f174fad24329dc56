from django.contrib import admin

from .models import Concern


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    """Read only: the register is kept in the console (/console/concerns/), whose services date the first
    response, move the status and write the audit rows."""
    list_display = ("title", "agency", "level", "noticed_at", "first_response_at", "status")
    list_filter = ("status", "level")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
