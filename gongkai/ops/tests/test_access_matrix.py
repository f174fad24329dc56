"""A generated access matrix: every staff URL and every API operation × anonymous, other agencies'
users and each role. Built from the URL resolver and the OpenAPI schema, so new pages are covered
the day they are added.

Asserted for every cell: no 5xx. Anonymous users never get staff data (console → redirect to the
login page, API → 401/403). Users of another agency get 403/404 (or the login redirect) for URLs of
an object owned by agency A, and never see A's unpublished titles or applicants in any page.
"""
import datetime as dt
import json
import os

import pytest
from django.conf import settings
from django.test import Client

from gongkai.agencies.models import Role

from .urlmap import PUBLIC_STAFF_NAMES, SLUG_VALUES, fill, model_for, route_params, walk

SECRET_TITLE = "甲局内部草稿：机密测试标题"
SECRET_APPLICANT = "甲申请人测试姓名"
DENIED = {403, 404}


def _try(made, label, fn):
    try:
        made[label] = fn()
    except ImportError:
        made[label] = None


@pytest.fixture
def world(db, city, dept_a, dept_b, make_user, admin_user):
    """Objects owned by dept_a made through the real services, and a user per role in each dept."""
    from gongkai.catalog.services import (attachment_add, document_create, document_transition,
                                          relation_add)

    users = {"superuser": admin_user}
    for role in Role.values:
        users[f"a_{role}"] = make_user(f"mx_a_{role}", dept_a, role, email=f"a_{role}@example.org")
        users[f"b_{role}"] = make_user(f"mx_b_{role}", dept_b, role, email=f"b_{role}@example.org")
    editor = users["a_editor"]
    published = document_create(agency=dept_a, actor=editor, title="甲局已发布文件", written_date=dt.date(2024, 3, 1),
                                publish_date=dt.date(2024, 3, 2), body_html="<p>正文</p>")
    document_transition(document=published, action="submit", actor=editor)
    document_transition(document=published, action="publish", actor=users["superuser"])
    draft = document_create(agency=dept_a, actor=editor, title=SECRET_TITLE, written_date=dt.date(2024, 4, 1),
                            body_html="<p>草稿正文</p>")
    made = {"document": draft}
    made["attachment"] = attachment_add(document=draft, actor=editor, name="附件.pdf", content=b"%PDF-1.4 x")
    made["documentrelation"] = relation_add(source=draft, target=published, kind="interprets", actor=editor)

    def foi_case():
        from gongkai.foi.services import case_register

        case, _code = case_register(
            agency=dept_a, actor=users["a_office"], channel="in_person", received_date=dt.date.today(),
            fields={"applicant_kind": "natural_person", "applicant_name": SECRET_APPLICANT, "id_type": "id_card",
                    "id_number": "11010519491231002X", "phone": "13800138000", "email": "zs@example.org",
                    "address": "示范市人民路1号", "info_title": "预算执行情况", "info_description": "请提供预算执行报告。",
                    "info_form": "electronic", "delivery": "email"})
        return case

    def report():
        from gongkai.reports.services import report_generate

        return report_generate(agency=dept_a, year=dt.date.today().year - 1, actor=users["a_office"])

    def import_job():
        from gongkai.catalog.importing.jobs import ImportUpload, import_job_create

        return import_job_create(agency=dept_a, actor=editor, files=[
            ImportUpload(name="甲局导入.txt", data="关于导入测试的通知\n各单位：请做好导入测试。".encode())])

    _try(made, "case", foi_case)
    _try(made, "annualreport", report)
    _try(made, "importjob", import_job)
    return {"users": users, "objects": made, "agency_a": dept_a}


def _object_for(model, world):
    """A row of `model` owned by agency A, if the fixtures made or implied one."""
    if model is None:
        return None
    for obj in world["objects"].values():
        if obj is not None and type(obj) is model:
            return obj
    for obj in model._default_manager.all()[:50]:
        owner = getattr(obj, "agency_id", None)
        if owner is None and hasattr(obj, "document"):
            owner = obj.document.agency_id
        if owner is None and hasattr(obj, "case"):
            owner = obj.case.agency_id
        if owner == world["agency_a"].pk:
            return obj
    return None


def _concrete(route, module, world):
    """Concrete URL for `route`, and whether it names an object owned by agency A."""
    values, owned = {}, False
    for conv, name in route_params(route):
        if conv == "int" or name in {"pk", "id"} or name.endswith(("_id", "_pk")):
            obj = _object_for(model_for(route, name, module), world)
            values[name] = obj.pk if obj is not None else 999999
            owned = owned or obj is not None
        elif conv == "uuid":
            values[name] = "00000000-0000-0000-0000-000000000000"
        else:
            values[name] = SLUG_VALUES.get(name, "x")
    return fill(route, values), owned


def _staff_routes():
    for route, name, callback in walk():
        if not route.startswith(("console/", "admin/")):
            continue
        if name in PUBLIC_STAFF_NAMES:
            continue
        if route.startswith("admin/") and ("<" in route or route.count("/") > 3):
            continue  # the Django admin's own model pages: covered by its login requirement below
        yield route, name, getattr(callback, "__module__", "")


# The full matrix (every role of both agencies, GET and POST) runs in `make test-drills`
# (GONGKAI_FULL_MATRIX=1); the everyday suite takes the broadest roles of the other agency and
# GETs as the owning agency's roles, which keeps it well under a minute.
FULL = os.environ.get("GONGKAI_FULL_MATRIX") == "1"
FAST_USERS = {"superuser", "a_office", "a_editor", "b_admin", "b_office", "b_editor"}


def _in_matrix(who):
    return FULL or who in FAST_USERS


def _client(user=None):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _login_redirect(response):
    login = "/console/login/"
    return response.status_code == 302 and (response["Location"].startswith(login)
                                            or response["Location"].startswith("/admin/login/"))


def _no_secret(response, where):
    if response.status_code == 200 and not getattr(response, "streaming", False):
        body = response.content.decode("utf-8", "replace")
        assert SECRET_TITLE not in body, f"{where} shows agency A's draft to another agency"
        assert SECRET_APPLICANT not in body, f"{where} shows agency A's applicant to another agency"


@pytest.mark.django_db
def test_staff_url_matrix(world):
    routes = list(_staff_routes())
    assert len(routes) >= 5, routes
    anonymous = _client()
    others = {k: _client(u) for k, u in world["users"].items() if k.startswith("b_") and _in_matrix(k)}
    insiders = {k: _client(u) for k, u in world["users"].items() if not k.startswith("b_") and _in_matrix(k)}
    failures = []
    for route, name, module in routes:
        url, owned = _concrete(route, module, world)
        for method in ("get", "post"):
            response = getattr(anonymous, method)(url)
            try:
                _no_secret(response, f"anonymous {method.upper()} {url}")
            except AssertionError as exc:
                failures.append(str(exc))
            if not (_login_redirect(response) or response.status_code in {401, 403, 404, 405}):
                failures.append(f"anonymous {method.upper()} {url} ({name}) -> {response.status_code}")
            for who, client in others.items():
                response = getattr(client, method)(url)
                if response.status_code >= 500:
                    failures.append(f"{who} {method.upper()} {url} -> {response.status_code}")
                elif owned and not (response.status_code in DENIED | {405} or _login_redirect(response)):
                    failures.append(f"{who} {method.upper()} {url} ({name}) owned by A -> {response.status_code}")
                if method == "get":
                    try:
                        _no_secret(response, f"{who} GET {url}")
                    except AssertionError as exc:
                        failures.append(str(exc))
            for who, client in insiders.items():  # the superuser comes first
                if method == "post" and not FULL and who != "superuser":
                    continue
                response = getattr(client, method)(url)
                if response.status_code >= 500:
                    failures.append(f"{who} {method.upper()} {url} -> {response.status_code}")
                if "attachment" in response.get("Content-Disposition", ""):
                    break  # a rendered file (Word, PDF): rendering it once per method keeps the suite fast
    assert not failures, "\n".join(failures)


def _schema():
    response = Client().get("/api/openapi.json")
    if response.status_code != 200:
        return {}
    return json.loads(response.content)


def _api_operations(schema):
    prefix = "/api"
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            full = path if path.startswith(prefix) else prefix + path
            yield full, method, op


@pytest.mark.django_db
def test_api_matrix(world):
    schema = _schema()
    operations = list(_api_operations(schema))
    if not operations:
        pytest.fail("the API publishes no operations in /api/openapi.json")
    global_security = schema.get("security")
    anonymous = _client()
    users = {k: _client(u) for k, u in world["users"].items() if _in_matrix(k)}
    failures = []
    checked_secured = 0
    for path, method, op in operations:
        route = path.replace("{", "<").replace("}", ">")
        url, owned = _concrete(route.lstrip("/"), "gongkai." + path.split("/")[2] + ".api", world)
        secured = bool(op.get("security", global_security))
        call = getattr(anonymous, method)
        response = call(url, content_type="application/json") if method != "get" else call(url)
        if response.status_code >= 500:
            failures.append(f"anonymous {method.upper()} {url} -> {response.status_code}")
        try:
            _no_secret(response, f"anonymous {method.upper()} {url}")
        except AssertionError as exc:
            failures.append(str(exc))
        if secured:
            checked_secured += 1
            if response.status_code not in {401, 403, 404, 405}:
                failures.append(f"anonymous {method.upper()} {url} (secured) -> {response.status_code}")
        for who, client in users.items():
            call = getattr(client, method)
            response = call(url, content_type="application/json") if method != "get" else call(url)
            if response.status_code >= 500:
                failures.append(f"{who} {method.upper()} {url} -> {response.status_code}")
            if who.startswith("b_"):
                if secured and owned and response.status_code not in DENIED | {401, 405}:
                    failures.append(f"{who} {method.upper()} {url} owned by A -> {response.status_code}")
                if method == "get":
                    try:
                        _no_secret(response, f"{who} GET {url}")
                    except AssertionError as exc:
                        failures.append(str(exc))
    assert checked_secured >= 1, "no API operation declares authentication: staff endpoints would be open"
    assert not failures, "\n".join(failures)


def test_admin_requires_login(db):
    response = _client().get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_settings_has_login_url():
    assert settings.LOGIN_URL == "console:login"


@pytest.mark.django_db
def test_public_object_urls_hide_unpublished(world):
    """Public URLs that name an object (a draft, its attachment, an application's notice) never show
    it to the public: every one answers 404/403 or a redirect, never the object."""
    anonymous = _client()
    checked, failures = 0, []
    for route, name, callback in walk():
        if route.startswith(("console/", "admin/", "api/")) or "<" not in route:
            continue
        url, owned = _concrete(route, getattr(callback, "__module__", ""), world)
        if not owned:
            continue
        checked += 1
        response = anonymous.get(url)
        if response.status_code >= 500:
            failures.append(f"GET {url} ({name}) -> {response.status_code}")
        elif response.status_code == 200:
            failures.append(f"GET {url} ({name}) shows an unpublished object to the public")
        try:
            _no_secret(response, f"anonymous GET {url}")
        except AssertionError as exc:
            failures.append(str(exc))
    assert checked >= 2
    assert not failures, "\n".join(failures)
