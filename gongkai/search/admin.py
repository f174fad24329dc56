from django.contrib import admin, messages
from django.utils.translation import gettext as _

from .models import ExtraWord


@admin.register(ExtraWord)
class ExtraWordAdmin(admin.ModelAdmin):
    list_display = ("word", "note", "created_at")
    search_fields = ("word", "note")

    def _reindex_hint(self, request):
        self.message_user(request, _("扩展词已更新，新发布的文件立即使用新词表；请运行“gongkai reindex”重建已有文件的索引。"),
                          messages.WARNING)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._reindex_hint(request)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._reindex_hint(request)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self._reindex_hint(request)
