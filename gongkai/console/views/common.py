"""Helpers shared by the console views."""
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.catalog.selectors import document_get_for_user


def denied(request, message=None, *, status=403):
    """Render the console's refusal page with the reason the service gave."""
    return render(request, "console/denied.html",
                  {"message": message or _("您没有执行此操作的权限。")}, status=status)


def is_htmx(request) -> bool:
    """True for an htmx request that wants a fragment (a history restore wants the whole page)."""
    return (request.headers.get("HX-Request") == "true"
            and request.headers.get("HX-History-Restore-Request") != "true")


def scoped_document(request, pk):
    """The document `pk` if it belongs to one of the user's agencies; Http404 otherwise."""
    return document_get_for_user(user=request.user, pk=pk)
