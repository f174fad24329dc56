from django.contrib import admin

from .models import AnnualReport, ManualFigure, UploadedCheck


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "status", "include_departments", "computed_at")
    list_filter = ("status", "year")
    readonly_fields = ("status", "data", "sources", "findings", "differences", "notes", "computed_at", "document")


@admin.register(ManualFigure)
class ManualFigureAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "key", "value", "source", "updated_at")
    list_filter = ("year", "key")


@admin.register(UploadedCheck)
class UploadedCheckAdmin(admin.ModelAdmin):
    list_display = ("file_name", "agency", "ok", "created_at")
    readonly_fields = ("result",)
