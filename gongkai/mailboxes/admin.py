from django.contrib import admin

from .models import Mailbox


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "kind", "accept_workdays", "reply_workdays", "is_active")
