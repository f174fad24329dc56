from django.contrib import admin

from .models import IntegrityRun, ReviewRecord


@admin.register(ReviewRecord)
class ReviewRecordAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "document", "verdict", "overridden", "actor")
    list_filter = ("kind", "verdict", "overridden")
    readonly_fields = [f.name for f in ReviewRecord._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IntegrityRun)
class IntegrityRunAdmin(admin.ModelAdmin):
    list_display = ("started_at", "source", "ok", "documents_checked", "pages_checked")
    list_filter = ("ok", "source")
    readonly_fields = [f.name for f in IntegrityRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
