"""Document pages: list, create, detail (with history), edit and the workflow buttons."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import agencies_for_user
from gongkai.audit.selectors import audit_entries_for
from gongkai.catalog.selectors import document_publication_lag
from gongkai.catalog.services import (document_create, document_transition, document_update,
                                      document_validity_change)
from gongkai.catalog.transitions import TRANSITIONS
from gongkai.core.errors import PermissionDeniedError, UserFacingError

from ..audit_labels import audit_action_label, audit_state_label
from ..review_panel import review_panel
from ..forms import (AttachmentForm, DocumentFilterForm, DocumentForm, RelationSearchForm, TransitionForm,
                     ValidityForm)
from ..selectors import (agencies_for_editing, console_filters_clean, document_list_console,
                         document_permissions, document_relations_console)
from .common import denied, is_htmx, scoped_document

PAGE_SIZE = 30
REVIEWED_STATUSES = ("draft", "pending")


@login_required
def document_list(request):
    """List the user's agencies' documents, filtered by status, agency and title."""
    agencies = agencies_for_user(user=request.user).order_by("path", "sort_order", "id")
    form = DocumentFilterForm(request.GET or None, agencies=agencies)
    filters = console_filters_clean(user=request.user, params=request.GET)
    page = Paginator(document_list_console(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(),
               "can_create": agencies_for_editing(user=request.user).exists()}
    template = "console/_document_rows.html" if is_htmx(request) else "console/document_list.html"
    return render(request, template, context)


@login_required
def document_new(request):
    """Create a draft in one of the agencies where the user edits."""
    agencies = agencies_for_editing(user=request.user)
    if not agencies.exists():
        return denied(request, _("您没有在任何机关新建文件的权限。"))
    form = DocumentForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            document = document_create(agency=form.cleaned_data["agency"], actor=request.user,
                                       **form.service_fields())
        except PermissionDeniedError as exc:
            return denied(request, exc.message)
        except UserFacingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("console:document", pk=document.pk)
    return render(request, "console/document_form.html", {"form": form, "document": None})


@login_required
def document_edit(request, pk):
    """Edit a draft's metadata and body."""
    document = scoped_document(request, pk)
    if not document_permissions(user=request.user, document=document)["can_edit"]:
        return denied(request, _("只有本机关的编辑、审核人员可以修改草稿；已提交或已发布的文件不能直接修改。"))
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        try:
            document_update(document=document, actor=request.user, **form.service_fields())
        except PermissionDeniedError as exc:
            return denied(request, exc.message)
        except UserFacingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("修改已保存。"))
            return redirect("console:document", pk=document.pk)
    return render(request, "console/document_form.html", {"form": form, "document": document})


def _detail_context(request, document, **extra):
    permissions = document_permissions(user=request.user, document=document)
    history = [{"entry": entry, "action": audit_action_label(entry.action),
                "from": audit_state_label(entry.action, entry.from_state),
                "to": audit_state_label(entry.action, entry.to_state)}
               for entry in audit_entries_for(obj=document)]
    context = {
        "document": document,
        "permissions": permissions,
        "lag": document_publication_lag(document=document),
        "history": history,
        "revisions": document.revisions.select_related("created_by").order_by("-number"),
        "attachments": document.attachments.all(),
        "relations": document_relations_console(document=document),
        "attachment_form": AttachmentForm(),
        "relation_search_form": RelationSearchForm(),
        "transition_error": None,
        "transition_code": "",
        "transition_action": None,
        "transition_form": TransitionForm(),
        "validity_form": ValidityForm(initial={"validity": document.validity or "valid"}),
        # Before 审核发布: the same review the publish gate runs, shown on the draft.
        "review": review_panel(document=document) if document.status in REVIEWED_STATUSES else None,
    }
    context.update(extra)
    return context


@login_required
def document_detail(request, pk):
    """Show a document's metadata, attachments, links, audit history and published revisions."""
    document = scoped_document(request, pk)
    return render(request, "console/document_detail.html", _detail_context(request, document))


@login_required
@require_POST
def document_transition_view(request, pk):
    """Take a workflow step (提交审核, 审核发布, 退回修改, 撤回, 重新编辑) through the catalog service."""
    document = scoped_document(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("未知操作。"))
        return redirect("console:document", pk=document.pk)
    action = form.cleaned_data["action"]
    try:
        document_transition(document=document, action=action, actor=request.user,
                            reason=form.cleaned_data["reason"],
                            override_reason=form.cleaned_data["override_reason"])
    except PermissionDeniedError as exc:
        return denied(request, exc.message)
    except UserFacingError as exc:
        document.refresh_from_db()
        return render(request, "console/document_detail.html",
                      _detail_context(request, document, transition_error=exc.message,
                                      transition_code=exc.code or "", transition_action=action,
                                      transition_form=form),
                      status=400)
    messages.success(request, _("已完成“%(action)s”。") % {"action": TRANSITIONS[action].label})
    return redirect("console:document", pk=document.pk)


@login_required
@require_POST
def document_validity(request, pk):
    """Record that a published document was amended, abolished or expired, with the reason."""
    document = scoped_document(request, pk)
    if not document_permissions(user=request.user, document=document)["can_change_validity"]:
        return denied(request, _("只有本机关的审核人员可以变更已发布文件的有效性。"))
    form = ValidityForm(request.POST)
    if form.is_valid():
        try:
            document_validity_change(document=document, actor=request.user,
                                     validity=form.cleaned_data["validity"],
                                     reason=form.cleaned_data["reason"], date=form.cleaned_data["date"])
        except PermissionDeniedError as exc:
            return denied(request, exc.message)
        except UserFacingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("有效性已变更。"))
            return redirect("console:document", pk=document.pk)
    return render(request, "console/document_detail.html",
                  _detail_context(request, document, validity_form=form), status=400)
