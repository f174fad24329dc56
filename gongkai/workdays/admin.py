from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CalendarDay, CalendarYear


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "is_official", "source", "updated_at")
    actions = ["mark_official"]

    @admin.action(description=_("标记为已按国务院办公厅通知录入（重算所有未办结期限）"))
    def mark_official(self, request, queryset):
        # Save one by one so that each year sends calendar_changed.
        for year in queryset:
            year.is_official = True
            year.save()
        self.message_user(request, _("已标记 %(n)d 个年度为正式日历。") % {"n": queryset.count()})


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_workday", "name")
    list_filter = ("is_workday",)
    date_hierarchy = "date"
