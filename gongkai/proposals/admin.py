from django.contrib import admin

from .models import Proposal


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("session", "number", "kind", "title", "lead", "assigned_date", "due_date", "status", "category")
    list_filter = ("kind", "status", "category")
    search_fields = ("title", "number", "proposer")
    readonly_fields = ("status", "due_date", "publish_due", "document", "published_date")
