"""Public pages: front page, the 政府信息公开 column and its four sections, documents, files."""
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Category
from gongkai.catalog.selectors import (document_get_public, document_get_public_by_index_no,
                                       document_list_public, document_relations_public)
from gongkai.core.text import nfkc
from gongkai.ops.edge import edge_refreshed

from . import selectors
from .blocks import blocks_for, document_notes
from .models import PageColumn

PER_PAGE = 20

# The sub-columns of 法定主动公开内容 shown on the column index, in the order sites usually use.
CATALOG_COLUMNS = [
    Category.REGULATION, Category.NORMATIVE, Category.POLICY, Category.INTERPRETATION, Category.PLAN,
    Category.NOTICE, Category.WORK, Category.CONSULTATION, Category.OTHER,
]

# The columns app (above the portal) gives the 条例第二十条/第二十一条 columns and applies 失效日期 on
# read; reached by dotted path so the portal imports nothing from it.
STATUTE_COLUMNS = "gongkai.columns.selectors.columns_grouped"
EXPIRY_ON_READ = "gongkai.columns.normative.expiry_apply_today"


def _statute_columns():
    if not apps.is_installed("gongkai.columns"):
        return []
    return import_string(STATUTE_COLUMNS)()


def _expiry_on_read():
    if apps.is_installed("gongkai.columns"):
        import_string(EXPIRY_ON_READ)()


def home(request):
    """Show the front page: latest documents, the four columns, the latest annual reports."""
    latest = list(document_list_public()[:10])
    reports = list(document_list_public(filters={"category": Category.ANNUAL_REPORT})[:5])
    interpretations = list(document_list_public(filters={"category": Category.INTERPRETATION})[:5])
    return render(request, "portal/home.html", {
        "latest": latest, "reports": reports, "interpretations": interpretations,
        "blocks": blocks_for("home"),
    })


def interaction(request):
    """The 互动交流 page: the participation columns and the boxes their apps register."""
    return render(request, "portal/hdjl.html", {"blocks": blocks_for("hdjl")})


def xxgk(request):
    """Show the 政府信息公开 column index with its four first-level columns."""
    counts = selectors.category_counts()
    columns = [(value, Category(value).label, counts.get(value, 0)) for value in CATALOG_COLUMNS]
    return render(request, "portal/xxgk.html", {
        "columns": columns,
        "statute_groups": _statute_columns(),
        "total": sum(counts.values()) - counts.get(Category.ANNUAL_REPORT, 0),
        "report_count": counts.get(Category.ANNUAL_REPORT, 0),
        "system_pages": selectors.page_list(column=PageColumn.SYSTEM),
        "latest": list(document_list_public()[:8]),
    })


def guide(request):
    """Show the 政府信息公开指南 of an agency (default: the government), with its office contacts."""
    agencies = list(Agency.objects.only("id", "name", "slug", "path").order_by("path", "sort_order"))
    slug = (request.GET.get("agency") or "").strip()
    agency = next((a for a in agencies if a.slug == slug), None) if slug else None
    if slug and agency is None:
        raise Http404
    if agency is None:
        agency = selectors.root_agency()
    else:
        agency = Agency.objects.get(pk=agency.pk)
    page = selectors.guide_for_agency(agency=agency)
    return render(request, "portal/guide.html", {"page": page, "agency": agency, "agencies": agencies})


def system(request):
    """List the 政府信息公开制度 pages."""
    return render(request, "portal/system.html", {"pages": selectors.page_list(column=PageColumn.SYSTEM)})


def page_detail(request, slug):
    """Show one editable column page (a 制度 or another page)."""
    page = selectors.page_get(slug=slug)
    if page.column == PageColumn.GUIDE:
        return redirect(page.get_absolute_url())
    siblings = selectors.page_list(column=page.column)
    return render(request, "portal/page.html", {"page": page, "siblings": siblings})


def _filter_query(filters, fixed):
    query = QueryDict(mutable=True)
    for key, value in filters.items():
        if key not in fixed:
            query[key] = value
    return query


def _remove_url(query, key):
    rest = query.copy()
    rest.pop(key, None)
    return f"?{rest.urlencode()}" if rest else "?"


def _facet_urls(facets, query):
    """Give every facet entry the URL that adds it to the current filters (what `{% querystring
    query key=value page=None %}` gives, built here: the side panel has a few hundred links)."""
    params = dict(query.items())

    def url(key, value):
        return "?" + urlencode({**params, key: value})

    def walk(nodes, key, attr):
        for node in nodes:
            node.url = url(key, getattr(node.obj, attr))
            walk(node.children, key, attr)

    walk(facets["agencies"], "agency", "slug")
    walk(facets["subjects"], "subject", "pk")
    facets["years"] = [(year, n, url("year", year)) for year, n in facets["years"]]
    for name, key in (("genres", "genre"), ("categories", "category")):
        facets[name] = [(value, label, n, url(key, value)) for value, label, n in facets[name]]
    return facets


def _catalog_page(request, *, template, fixed, heading, **extra):
    filters = selectors.filters_from_query(query=request.GET, fixed=fixed)
    facets = selectors.catalog_facets(filters=filters)
    paginator = Paginator(selectors.CatalogListing(filters=filters, count=facets["total"]), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = _filter_query(filters, fixed)
    return render(request, template, {
        "heading": heading,
        "page_obj": page_obj,
        "documents": page_obj.object_list,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        "facets": _facet_urls(facets, query),
        "filters": filters,
        "active": [(label, _remove_url(query, key))
                   for key, label in selectors.filter_labels(filters=filters) if key not in fixed],
        "clear_url": request.path,
        "query": query,
        "feed_query": _filter_query({**filters}, {}),
        "fixed": fixed,
        **extra,
    })


def catalog(request):
    """List the 法定主动公开内容 (主动公开目录) with filters, counts, pagination and feeds."""
    return _catalog_page(request, template="portal/catalog.html", fixed={},
                         heading=_("法定主动公开内容"), statute_groups=_statute_columns())


def annual_reports(request):
    """List the 政府信息公开年报 (documents of category annual_report)."""
    return _catalog_page(request, template="portal/annual_reports.html",
                         fixed={"category": Category.ANNUAL_REPORT}, heading=_("政府信息公开年报"))


@edge_refreshed
def document_detail(request, pk):
    """Show one published document with its metadata table, body, attachments and relations."""
    _expiry_on_read()
    document = document_get_public(pk=pk)
    relations = document_relations_public(document=document)
    attachments = list(document.attachments.all())
    return render(request, "portal/document.html", {
        "document": document,
        "relations": relations,
        "notes": document_notes(document),
        "attachments": attachments,
        "originals": selectors.original_files(document=document, attachments=attachments),
    })


def document_by_index(request, index_no):
    """Redirect a 索引号 to its document's page."""
    document = document_get_public_by_index_no(index_no=nfkc(index_no).strip())
    return redirect(document.get_absolute_url())


def sitemap_html(request):
    """The 网站地图 for people: every column, the guide and system pages, the agencies' catalogs."""
    return render(request, "portal/sitemap.html", {
        "catalog_columns": [(value, Category(value).label) for value in CATALOG_COLUMNS],
        "statute_groups": _statute_columns(),
        "system_pages": selectors.page_list(column=PageColumn.SYSTEM),
        "agencies": list(Agency.objects.only("id", "name", "slug", "path").order_by("is_catch_all", "path", "sort_order")),
    })


def favicon(request):
    """/favicon.ico for clients that ask for it regardless of the page's <link rel="icon">."""
    handle = finders.find("portal/favicon.ico")
    response = FileResponse(open(handle, "rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def attachment_download(request, pk, attachment_pk):
    """Stream an attachment of a public document under its original file name."""
    attachment = selectors.attachment_get_public(document_pk=pk, attachment_pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type or "application/octet-stream")
