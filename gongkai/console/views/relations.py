"""Linking a draft to the policy it interprets or the document it amends or abolishes."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.catalog.models import DocumentRelation
from gongkai.catalog.services import relation_add, relation_remove
from gongkai.core.errors import PermissionDeniedError, UserFacingError

from ..forms import RelationForm, RelationSearchForm
from ..selectors import document_permissions, relation_target_get, relation_targets_for_user
from .common import denied, is_htmx, scoped_document


@login_required
def relation_search(request, pk):
    """Find published documents to link to, by 索引号, title or 发文字号 (htmx fills the results)."""
    document = scoped_document(request, pk)
    if not document_permissions(user=request.user, document=document)["can_edit"]:
        return denied(request, _("只有本机关的编辑、审核人员可以为草稿添加关联。"))
    form = RelationSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    kind = (form.cleaned_data.get("kind") if form.is_valid() else "") or "interprets"
    context = {"document": document, "form": form, "query": query, "kind": kind,
               "results": relation_targets_for_user(user=request.user, query=query, exclude=document)}
    template = "console/_relation_results.html" if is_htmx(request) else "console/relation_search.html"
    return render(request, template, context)


@login_required
@require_POST
def relation_create(request, pk):
    """Link the draft to a published document the user can see."""
    document = scoped_document(request, pk)
    if not document_permissions(user=request.user, document=document)["can_edit"]:
        return denied(request, _("只有本机关的编辑、审核人员可以为草稿添加关联。"))
    form = RelationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择关联的文件和关系。"))
        return redirect("console:relation_search", pk=document.pk)
    target = relation_target_get(user=request.user, pk=form.cleaned_data["target"])
    if target is None:
        messages.error(request, _("找不到该已发布文件，或您无权查看。"))
        return redirect("console:relation_search", pk=document.pk)
    try:
        relation = relation_add(source=document, target=target, kind=form.cleaned_data["kind"],
                                actor=request.user)
    except PermissionDeniedError as exc:
        return denied(request, exc.message)
    except UserFacingError as exc:
        messages.error(request, exc.message)
        return redirect("console:relation_search", pk=document.pk)
    messages.success(request, _("已关联：%(kind)s《%(title)s》。") % {
        "kind": relation.get_kind_display(), "title": target.title})
    return redirect("console:document", pk=document.pk)


@login_required
@require_POST
def relation_delete(request, pk, relation_id):
    """Remove a link from a draft."""
    document = scoped_document(request, pk)
    relation = get_object_or_404(DocumentRelation, pk=relation_id, source=document)
    if not document_permissions(user=request.user, document=document)["can_edit"]:
        return denied(request, _("只有本机关的编辑、审核人员可以删除草稿的关联。"))
    try:
        relation_remove(relation=relation, actor=request.user)
    except PermissionDeniedError as exc:
        return denied(request, exc.message)
    messages.success(request, _("关联已删除。"))
    return redirect("console:document", pk=document.pk)
