"""Admin: each agency's notice numbering (机关代字 and 文号格式); the counters are read-only."""
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models_delivery import NoticeNumbering, NoticeSequence
from .numbering import default_prefix, pattern_problem


class NoticeNumberingForm(forms.ModelForm):
    class Meta:
        model = NoticeNumbering
        fields = ["agency", "prefix", "pattern"]

    def clean_pattern(self):
        pattern = (self.cleaned_data.get("pattern") or "").strip()
        problem = pattern_problem(pattern) if pattern else ""
        if problem:
            raise forms.ValidationError(problem)
        return pattern


@admin.register(NoticeNumbering)
class NoticeNumberingAdmin(admin.ModelAdmin):
    form = NoticeNumberingForm
    list_display = ("agency", "prefix", "pattern", "default")
    search_fields = ("agency__name", "prefix")

    @admin.display(description=_("默认代字"))
    def default(self, obj):
        return default_prefix(obj.agency.name, obj.agency.short_name)


@admin.register(NoticeSequence)
class NoticeSequenceAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "kind", "last")
    list_filter = ("year",)
    readonly_fields = ("agency", "year", "kind", "last")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
