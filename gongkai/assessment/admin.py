from django.contrib import admin

from gongkai.audit.services import audit_record

from .models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "weight", "threshold", "direction", "rule", "enabled", "sort_order")
    list_editable = ("enabled",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action="assessment.indicator_admin", obj=obj,
                     data={"fields": list(form.changed_data)})
