"""The public data portal: the catalog by 主题, 开放主体, format and 开放属性; a dataset page with its
quality score, a preview of the first 100 rows, downloads, API links and counts; DCAT JSON-LD and CSV
of the catalog; the 有条件开放 application with its query code; 数据需求."""
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.errors import UserFacingError
from gongkai.core.params import int_param
from gongkai.core.text import clean_text
from gongkai.ops.ratelimit import ratelimit

from .access import (KeyRefused, access_check, application_key_pickup, application_lookup, application_transition,
                     key_resolve, usage_log)
from .api import stream_rows
from .datastore import datastore_iter, datastore_preview
from .demand import data_request_submit
from .forms import ApplicationForm, DataRequestForm, FeedbackForm, LookupForm
from .models import FORMATS, Dataset, Tier, Topic
from .quality import quality
from .selectors import (data_requests_public_grouped, dataset_public, datasets_public, public_resources, resource_public,
                        resources_listed)

PREVIEW_ROWS = 100


def index(request):
    topic, fmt, tier = (clean_text(request.GET.get(k, "")) for k in ("topic", "format", "tier"))
    agency_id = int_param(request.GET.get("agency"), name="agency")
    text = clean_text(request.GET.get("q", "")).strip()[:100]
    rows = [(d, quality(d, public_resources(d)))
            for d in datasets_public(topic=topic if topic in Topic.values else "", agency_id=agency_id,
                                     fmt=fmt if fmt in FORMATS else "", tier=tier if tier in Tier.values else "",
                                     text=text)]
    agencies = Agency.objects.filter(datasets__status="published").distinct().order_by("path")
    return render(request, "opendata/index.html", {
        "rows": rows, "topics": Topic.choices, "tiers": Tier.choices, "formats": FORMATS, "agencies": agencies,
        "selected": {"topic": topic, "format": fmt, "tier": tier, "agency": agency_id, "q": text}})


def _table(result) -> tuple[list, list]:
    """(header, rows) of a datastore_search result, without `_id`."""
    names = [f["id"] for f in result["fields"] if f["id"] != "_id"]
    return names, [[rec.get(n) for n in names] for rec in result["records"]]


def dataset(request, pk):
    d = dataset_public(pk=pk)
    Dataset.objects.filter(pk=d.pk).update(views=F("views") + 1)
    resources = resources_listed(d)
    previews = []
    if d.tier == Tier.OPEN:
        for r in resources:
            if r.datastore_table:
                previews.append((r, *_table(datastore_preview(r, PREVIEW_ROWS))))
    return render(request, "opendata/dataset.html", {
        "d": d, "resources": resources, "previews": previews, "quality": quality(d, public_resources(d)),
        "versions": d.versions.all()[:10], "open": d.tier == Tier.OPEN, "conditional": d.tier == Tier.CONDITIONAL})


def resource(request, pk):
    r = resource_public(pk=pk)
    if r.dataset.tier != Tier.OPEN or not r.datastore_table:
        return dataset(request, r.dataset_id)
    header, rows = _table(datastore_preview(r, PREVIEW_ROWS))
    return render(request, "opendata/resource.html", {"r": r, "d": r.dataset, "header": header, "rows": rows})


def download(request, pk):
    """The file; masked or cut columns come from the DataStore copy instead (as CSV; a JSON resource as
    JSON Lines)."""
    r = resource_public(pk=pk)
    try:
        key = key_resolve(request.GET.get("api_key", "") or request.headers.get("X-API-Key", ""))
        access_check(dataset=r.dataset, key=key)
    except KeyRefused as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
    usage_log(dataset=r.dataset, resource=r, key=key, action="download")
    if r.treatment and r.datastore_table:
        header, rows = datastore_iter(r)
        return stream_rows(header, rows, "json" if r.format == "json" else "csv", f"resource-{r.pk}-masked")
    try:
        handle = r.file.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=f"{r.name}.{r.format}")


def catalog_jsonld(request):
    from .dcat import catalog_jsonld as build

    return JsonResponse(build(), json_dumps_params={"ensure_ascii": False}, content_type="application/ld+json")


def catalog_csv(request):
    from .dcat import catalog_csv as build

    response = HttpResponse(build(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="catalog.csv"'
    return response


@ratelimit(scope="opendata-apply", limit=20, window=3600)
def apply(request, pk):
    d = dataset_public(pk=pk)
    if d.tier != Tier.CONDITIONAL:
        raise Http404
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            from .access import application_submit

            application, code = application_submit(
                dataset=d, applicant=c["applicant"], organisation=c["organisation"], email=c["email"],
                phone=c["phone"], purpose=c["purpose"], scenario=c["scenario"], period_start=c["period_start"],
                period_end=c["period_end"], agreement_accepted=c["agreement"])
        except UserFacingError as exc:
            form.add_error(None, exc.message)
            form.challenge_release()
        else:
            return render(request, "opendata/apply_done.html", {"a": application, "code": code, "d": d})
    return render(request, "opendata/apply.html", {"form": form, "d": d})


@ratelimit(scope="opendata-status", limit=30, window=3600)
def apply_status(request):
    """Look an application up with its number and query code; pick the API key up once when approved
    (op=pickup); file the 使用反馈 when approved."""
    application, error, raw_key = None, "", ""
    pickup = request.method == "POST" and request.POST.get("op") == "pickup"
    form = (LookupForm(request.POST) if pickup else FeedbackForm(request.POST)) if request.method == "POST" \
        else LookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        c = form.cleaned_data
        application = application_lookup(number=c["number"], code=c["code"])
        if application is None:
            error = _("申请编号或查询码不正确。")
        elif pickup:
            try:
                raw_key = application_key_pickup(application=application, code=c["code"])
                application.refresh_from_db()
            except UserFacingError as exc:
                error = exc.message
        elif request.method == "POST":
            try:
                application, _raw = application_transition(application=application, action="feedback", actor=None,
                                                           reason=c["feedback"], applicant_code=c["code"])
            except UserFacingError as exc:
                error = exc.message
    approved = application is not None and application.status == "approved"
    resources = public_resources(application.dataset) if approved else []
    response = render(request, "opendata/apply_status.html", {
        "form": form, "a": application, "error": error, "raw_key": raw_key, "resources": resources,
        "code": form.cleaned_data.get("code", "") if application else "",
        "period_ended": approved and application.period_end <= timezone.localdate()})
    response["Cache-Control"] = "no-store"
    return response


@ratelimit(scope="opendata-request", limit=20, window=3600)
def requests_list(request):
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            req, code = data_request_submit(title=c["title"], description=c["description"], agency=c["agency"],
                                            requester=c["requester"], email=c["email"])
        except UserFacingError as exc:
            form.add_error(None, exc.message)
            form.challenge_release()
        else:
            return render(request, "opendata/request_done.html", {"req": req, "code": code})
    return render(request, "opendata/requests.html", {"form": form, "rows": data_requests_public_grouped()})


def schema_json(request, pk):
    r = resource_public(pk=pk)
    return JsonResponse({"fields": [c for c in r.schema if (r.treatment or {}).get(c["name"]) != "remove"]},
                        json_dumps_params={"ensure_ascii": False})

