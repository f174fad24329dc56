from django.contrib import admin

from .models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "column", "agency", "sort_order", "updated_at")
    list_filter = ("column",)
    search_fields = ("title", "slug", "body_html")
    autocomplete_fields = ("agency",)
    list_select_related = ("agency",)
    fields = ("column", "title", "slug", "agency", "sort_order", "body_html")
