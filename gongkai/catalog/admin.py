from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin

from .models import Attachment, Document, DocumentRelation, Revision, Subject


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("__str__", "parent", "sort_order", "is_local")
    list_filter = ("is_local", "parent")
    search_fields = ("name",)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ("original_name", "size", "sha256")


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Read-only here: documents change only through the console's workflow (audited)."""

    list_display = ("title", "agency", "index_no", "doc_no", "status", "publish_date", "validity")
    list_filter = ("status", "category", "genre", "validity", "agency")
    search_fields = ("title", "index_no", "doc_no")
    inlines = [AttachmentInline]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("document", "number", "sha256", "created_at")

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(DocumentRelation)
