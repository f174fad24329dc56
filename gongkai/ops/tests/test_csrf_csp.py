"""CSRF on every form-handling URL, and templates that a strict Content-Security-Policy can serve."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from .urlmap import fill, route_params, walk

# Views that take no form posts by design (Django's own JS catalogue) or that are the JSON API,
# whose session-authenticated writes are covered by django-ninja's CSRF check.
NO_FORMS = ("api/", "admin/jsi18n/")


def _urls():
    for route, name, _callback in walk():
        if route.startswith(NO_FORMS) or route in {"healthz"}:
            continue
        values = {}
        for conv, pname in route_params(route):
            values[pname] = 1 if conv == "int" or pname in {"pk", "id"} else "x"
        yield fill(route, values), name


@pytest.mark.django_db
def test_every_post_without_token_is_refused(admin_user):
    """A signed-in superuser (who may do anything) posting without a CSRF token gets 403 everywhere."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(admin_user)
    refused, failures = 0, []
    for url, name in _urls():
        response = client.post(url, {"title": "x", "q": "x"})
        if response.status_code == 403:
            refused += 1
        else:
            failures.append(f"POST {url} ({name}) without CSRF token -> {response.status_code}")
    assert refused >= 10
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_anonymous_public_forms_need_token():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    assert client.post("/apply/", {"applicant_name": "张三"}).status_code == 403
    assert client.post("/console/login/", {"username": "a", "password": "b"}).status_code == 403


@pytest.mark.django_db
def test_login_form_works_with_token(editor_a):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/console/login/")
    token = page.cookies[settings.CSRF_COOKIE_NAME].value
    assert page.cookies[settings.CSRF_COOKIE_NAME]["httponly"] is True
    assert page.cookies[settings.CSRF_COOKIE_NAME]["samesite"] == "Lax"
    response = client.post("/console/login/", {"username": "editor_a", "password": "pw-Test-12345",
                                                "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["httponly"] is True and session_cookie["samesite"] == "Lax"


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_STYLE_ATTR = re.compile(r"\sstyle\s*=", re.I)
INLINE_STYLE_TAG = re.compile(r"<style\b", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)
JS_URL = re.compile(r"href\s*=\s*[\"']\s*javascript:", re.I)


def _project_templates():
    root = Path(settings.BASE_DIR) / "gongkai"
    return sorted(p for p in root.rglob("templates/**/*.html"))


def test_templates_need_no_unsafe_inline():
    """Every project template works under script-src/style-src 'self': no inline code or styles."""
    templates = _project_templates()
    assert len(templates) >= 5
    problems = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for label, pattern in [("inline <script>", INLINE_SCRIPT), ("style= attribute", INLINE_STYLE_ATTR),
                               ("<style> block", INLINE_STYLE_TAG), ("event handler attribute", EVENT_HANDLER),
                               ("javascript: URL", JS_URL)]:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(settings.BASE_DIR)}:{line}: {label}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_csp_header_everywhere(client, published_doc):
    for url in ["/", f"/doc/{published_doc.pk}/", "/console/login/", "/apply/", "/search/?q=公开"]:
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        assert "default-src 'self'" in csp and "object-src 'none'" in csp
