"""Public pages: the 法定主动公开内容 columns (条例第二十条、第二十一条), one column's documents (and its
办事指南 or 机构概况), the 机构概况 of each agency, the 规范性文件库 with its 清理 lists."""
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import render
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.text import clean_text

from .library import STATES, directories_public, library_public, library_rows
from .normative import expiry_apply_today
from .selectors import (column_documents, column_guides, column_public, columns_grouped,
                        profile_public, profiles_public)

PER_PAGE = 20


def _agency(request):
    slug = clean_text(request.GET.get("agency") or "").strip()[:60]
    if not slug:
        return None
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        raise Http404
    return agency


def _query(request, keys):
    query = QueryDict(mutable=True)
    for key in keys:
        value = clean_text(request.GET.get(key) or "").strip()[:80]
        if value:
            query[key] = value
    return query


def column_index(request):
    expiry_apply_today()
    agency = _agency(request)
    return render(request, "columns/index.html", {
        "groups": columns_grouped(agency=agency), "agency": agency,
        "agencies": Agency.objects.only("id", "name", "slug", "path").order_by("path", "sort_order")})


def column(request, slug):
    expiry_apply_today()
    col = column_public(slug=slug)
    agency = _agency(request)
    paginator = Paginator(column_documents(column=col, agency=agency).select_related(None).select_related("agency").only(
        "id", "title", "doc_no", "publish_date", "is_generated", "agency__name", "agency__short_name"), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    guides = list(column_guides(column=col, agency=agency)) if col.include_guides else []
    profiles = list(profiles_public(agency=agency)) if col.include_profiles else []
    return render(request, "columns/column.html", {
        "column": col, "agency": agency, "page_obj": page_obj, "documents": page_obj.object_list,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        "query": _query(request, ["agency"]), "guides": guides, "profiles": profiles,
        "total": paginator.count + len(guides) + len(profiles)})


def profile_list(request):
    return render(request, "columns/profiles.html", {"profiles": profiles_public()})


def profile(request, slug):
    obj = profile_public(slug=slug)
    return render(request, "columns/profile.html", {"profile": obj, "p": obj.published})


def leader_photo(request, slug, number):
    """The photo of the `number`-th leader of an agency's published 机构概况."""
    obj = profile_public(slug=slug)
    leaders = obj.published.get("leaders", [])
    if not 1 <= number <= len(leaders) or not leaders[number - 1].get("photo"):
        raise Http404
    path = leaders[number - 1]["photo"]
    if not default_storage.exists(path):
        raise Http404
    content_type = "image/png" if path.endswith(".png") else "image/jpeg"
    return FileResponse(default_storage.open(path, "rb"), content_type=content_type)


def library(request):
    expiry_apply_today()
    today = timezone.localdate()
    agency = _agency(request)
    state = clean_text(request.GET.get("state", ""))
    state = state if state in STATES else ""
    q = clean_text(request.GET.get("q") or "").strip()[:60]
    paginator = Paginator(library_public(today=today, agency=agency, state=state, q=q), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(request, "columns/library.html", {
        "rows": library_rows(page_obj.object_list, today=today), "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        "query": _query(request, ["agency", "state", "q"]), "states": list(STATES.items()), "state": state,
        "q": q, "agency": agency, "today": today, "directories": directories_public()[:20],
        "agencies": Agency.objects.only("id", "name", "slug", "path").order_by("path", "sort_order")})
