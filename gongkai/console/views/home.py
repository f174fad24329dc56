"""The 工作台: what needs the user's attention in their agencies."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.catalog.transitions import TRANSITIONS
from gongkai.newmedia.selectors import stale_accounts
from gongkai.newmedia.transitions import MANAGE_ROLES as NEWMEDIA_ROLES

from ..selectors import (documents_overdue, documents_pending_review, documents_returned,
                         status_counts_for_user)

LIST_LIMIT = 20


@login_required
def home(request):
    """Show counts by status, documents awaiting review, returned drafts and 逾期公开 flags."""
    user = request.user
    is_reviewer = bool(agency_ids_for_user(user=user, roles=TRANSITIONS["publish"].roles))
    newmedia_ids = agency_ids_for_user(user=user, roles=NEWMEDIA_ROLES)  # 公开办/admin see stale 新媒体
    context = {
        "status_counts": status_counts_for_user(user=user),
        "is_reviewer": is_reviewer,
        "pending": documents_pending_review(user=user)[:LIST_LIMIT] if is_reviewer else [],
        "returned": documents_returned(user=user)[:LIST_LIMIT],
        "overdue": documents_overdue(user=user, limit=LIST_LIMIT),
        "has_agencies": bool(agency_ids_for_user(user=user)),
        "newmedia_stale": stale_accounts(agency_ids=newmedia_ids).count() if newmedia_ids else None,
    }
    return render(request, "console/home.html", context)
