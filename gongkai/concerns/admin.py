from django.contrib import admin

from .models import Concern


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "level", "noticed_at", "first_response_at", "closed")
    readonly_fields = ("first_response_at",)
