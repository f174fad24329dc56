from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin

from .models import Concern


@admin.register(Concern)
class ConcernAdmin(ReadOnlyAdmin):
    """Read only: the register is kept in the console (/console/concerns/), whose services date the first
    response, move the status and write the audit rows."""
    list_display = ("title", "agency", "level", "noticed_at", "first_response_at", "status")
    list_filter = ("status", "level")
