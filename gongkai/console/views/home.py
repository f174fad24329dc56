"""The 工作台: what needs the user's attention in their agencies."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.catalog.transitions import TRANSITIONS

from ..selectors import (documents_overdue, documents_pending_review, documents_returned,
                         status_counts_for_user)

LIST_LIMIT = 20


def _foi_reminders(user):
    """Unread 依申请公开 reminders, computed now (the embedded default runs no scheduler)."""
    from django.utils import timezone

    from gongkai.foi.reminders import notifications_for_user, reminders_refresh

    reminders_refresh(user=user, today=timezone.localdate())
    return list(notifications_for_user(user=user, unread_only=True)[:LIST_LIMIT])


@login_required
def home(request):
    """Show counts by status, documents awaiting review, returned drafts and 逾期公开 flags."""
    user = request.user
    is_reviewer = bool(agency_ids_for_user(user=user, roles=TRANSITIONS["publish"].roles))
    context = {
        "status_counts": status_counts_for_user(user=user),
        "is_reviewer": is_reviewer,
        "pending": documents_pending_review(user=user)[:LIST_LIMIT] if is_reviewer else [],
        "returned": documents_returned(user=user)[:LIST_LIMIT],
        "overdue": documents_overdue(user=user, limit=LIST_LIMIT),
        "has_agencies": bool(agency_ids_for_user(user=user)),
        "reminders": _foi_reminders(user),
    }
    return render(request, "console/home.html", context)
