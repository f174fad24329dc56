from django.contrib import admin

from .models import PeriodRule


@admin.register(PeriodRule)
class PeriodRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "minimum", "unit", "basis")
