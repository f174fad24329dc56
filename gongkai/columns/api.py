"""JSON API of the 法定主动公开内容 columns, the 机构概况 and the 规范性文件库 (public reads), plus the
staff writes of a 机构概况 (session-authenticated, scoped by role)."""
import datetime as dt
from typing import Optional

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.security import django_auth

from gongkai.agencies.models import Agency

from .library import STATES, library_public, library_rows
from .models import AgencyProfile
from .normative import expiry_apply_today
from .selectors import (column_count, column_documents, column_public, columns_with_counts, profile_public,
                        profiles_for_user, profiles_public)
from .services import profile_transition, profile_update

router = Router(tags=["法定主动公开内容栏目"])
MAX_LIMIT = 100


class ColumnOut(Schema):
    slug: str
    name: str
    basis: str
    level: str
    count: int
    include_guides: bool
    include_profiles: bool
    include_normative: bool
    url: str


class DocumentRow(Schema):
    id: int
    title: str
    index_no: Optional[str]
    doc_no: str
    agency: str
    publish_date: Optional[dt.date]
    url: str


class ColumnPage(Schema):
    column: ColumnOut
    total: int
    items: list[DocumentRow]


class LeaderOut(Schema):
    name: str
    post: str
    duties: str
    photo_url: str


class ProfileOut(Schema):
    agency: str
    agency_slug: str
    functions: str
    structure: str
    address: str
    hours: str
    phone: str
    fax: str
    email: str
    postal_code: str
    leaders: list[LeaderOut]
    updated: Optional[dt.date]
    version: int
    url: str


class NormativeRow(Schema):
    id: int
    title: str
    doc_no: str
    registration_no: str
    agency: str
    effective_date: Optional[dt.date]
    expiry_date: Optional[dt.date]
    validity: str
    amended_by: list[int]
    abolished_by: list[int]
    url: str


class ProfileIn(Schema):
    functions: Optional[str] = None
    structure: Optional[str] = None
    address: Optional[str] = None
    hours: Optional[str] = None
    phone: Optional[str] = None
    fax: Optional[str] = None
    email: Optional[str] = None
    postal_code: Optional[str] = None


class ActionIn(Schema):
    action: str
    reason: str = ""


class StaffProfileOut(Schema):
    agency_slug: str
    status: str
    version: int
    reviewed_on: Optional[dt.date]


def _agency(slug: str):
    if not slug:
        return None
    agency = Agency.objects.filter(slug=slug[:60]).first()
    if agency is None:
        raise Http404
    return agency


def _column_out(column, count) -> dict:
    return {"slug": column.slug, "name": column.name, "basis": column.basis, "level": column.level, "count": count,
            "include_guides": column.include_guides, "include_profiles": column.include_profiles,
            "include_normative": column.include_normative, "url": column.get_absolute_url()}


@router.get("/", response=list[ColumnOut], summary="法定主动公开内容栏目（条例第二十条、第二十一条）及条数")
def columns_list(request, agency: str = Query("", description="发布机构代号（含下级机构）")):
    expiry_apply_today()
    return [_column_out(c, n) for c, n in columns_with_counts(agency=_agency(agency))]


@router.get("/c/{slug}", response=ColumnPage, summary="一个栏目的公开文件")
def column_detail(request, slug: str, agency: str = "", limit: int = Query(20, ge=1, le=MAX_LIMIT),
                  offset: int = Query(0, ge=0, le=10**6)):
    column = column_public(slug=slug[:40])
    scope = _agency(agency)
    docs = column_documents(column=column, agency=scope)
    total = column_count(column=column, agency=scope)
    return {"column": _column_out(column, total), "total": docs.count(),
            "items": [{"id": d.pk, "title": d.title, "index_no": d.index_no, "doc_no": d.doc_no, "agency": d.agency.name,
                       "publish_date": d.publish_date, "url": d.get_absolute_url()} for d in docs[offset:offset + limit]]}


def _profile_out(p) -> dict:
    s = p.published
    return {**{k: s.get(k, "") for k in ("functions", "structure", "address", "hours", "phone", "fax", "email",
                                          "postal_code")},
            "agency": p.agency.name, "agency_slug": p.agency.slug, "updated": p.reviewed_on, "version": p.version,
            "url": f"/xxgk/jggk/{p.agency.slug}/",
            "leaders": [{"name": x["name"], "post": x["post"], "duties": x["duties"],
                         "photo_url": f"/xxgk/jggk/{p.agency.slug}/photo/{i}/" if x.get("photo") else ""}
                        for i, x in enumerate(s.get("leaders", []), start=1)]}


@router.get("/profiles", response=list[ProfileOut], summary="已发布的机构概况")
def profiles(request):
    return [_profile_out(p) for p in profiles_public()]


@router.get("/profiles/{slug}", response=ProfileOut, summary="一个机关的机构概况")
def profile_detail(request, slug: str):
    return _profile_out(profile_public(slug=slug[:60]))


@router.get("/normative", response=list[NormativeRow], summary="规范性文件库（有效性按日期与立改废确定）")
def normative(request, agency: str = "", state: str = Query("", description="current、pending、amended、expired、abolished"),
              q: str = "", limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10**6)):
    expiry_apply_today()
    today = timezone.localdate()
    qs = library_public(today=today, agency=_agency(agency), state=state if state in STATES else "", q=q[:60])
    rows = library_rows(qs[offset:offset + limit], today=today)
    return [{"id": r["document"].pk, "title": r["document"].title, "doc_no": r["document"].doc_no,
             "registration_no": r["registration_no"], "agency": r["document"].agency.name,
             "effective_date": r["document"].effective_date, "expiry_date": r["document"].expiry_date,
             "validity": str(r["validity"]), "amended_by": [x.pk for x in r["links"]["amended_by"]],
             "abolished_by": [x.pk for x in r["links"]["abolished_by"]], "url": r["document"].get_absolute_url()}
            for r in rows]


def _staff_out(p) -> dict:
    return {"agency_slug": p.agency.slug, "status": p.status, "version": p.version, "reviewed_on": p.reviewed_on}


@router.get("/staff/profiles", auth=django_auth, response=list[StaffProfileOut], summary="本机关的机构概况（工作人员）")
def staff_profiles(request):
    return [_staff_out(p) for p in profiles_for_user(user=request.auth)]


def _staff_profile(request, slug) -> AgencyProfile:
    return get_object_or_404(profiles_for_user(user=request.auth), agency__slug=slug[:60])


@router.patch("/staff/profiles/{slug}", auth=django_auth, response=StaffProfileOut, summary="修改机构概况草稿")
def staff_profile_update(request, slug: str, payload: ProfileIn):
    fields = {k: v for k, v in payload.dict().items() if v is not None}
    return _staff_out(profile_update(profile=_staff_profile(request, slug), actor=request.auth, **fields))


@router.post("/staff/profiles/{slug}/action", auth=django_auth, response=StaffProfileOut,
             summary="机构概况流转：submit、return、publish、revise、confirm")
def staff_profile_action(request, slug: str, payload: ActionIn):
    return _staff_out(profile_transition(profile=_staff_profile(request, slug), action=payload.action[:20],
                                         actor=request.auth, reason=payload.reason))
