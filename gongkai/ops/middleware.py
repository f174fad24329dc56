"""Request id and access log, the database-unavailable page, and the Content-Security-Policy."""
import logging
import re
import time
import uuid

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from .logs import request_id_var

access_log = logging.getLogger("gongkai.access")
log = logging.getLogger("gongkai.ops")

_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class RequestIdMiddleware:
    """Give each request an id (the proxy's X-Request-ID when well-formed), log one JSON access line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    "%s %s %s", request.method, request.path, response.status_code,
                    extra={"method": request.method, "path": request.path, "status": response.status_code,
                           "duration_ms": round((time.monotonic() - started) * 1000, 1),
                           "cache": response.get("X-Cache", "")},
                )
            return response
        finally:
            request_id_var.reset(token)


def is_database_unavailable(exc) -> bool:
    return isinstance(exc, (OperationalError, InterfaceError))


# Posted fields never echoed back on the 503 page (secrets, tokens, the bot check).
_UNECHOED = ("password", "csrfmiddlewaretoken", "altcha", "website", "token", "secret", "code")


def _typed_fields(request) -> list:
    """What the person typed into a form that was not saved, to show back (text fields only, bounded)."""
    if request is None or request.method != "POST" or request.path.startswith("/api/"):
        return []
    try:
        items = list(request.POST.lists())
    except Exception:  # an unreadable body: nothing to show
        return []
    fields = []
    for name, values in items[:40]:
        if any(word in name.lower() for word in _UNECHOED):
            continue
        value = "\n".join(v for v in values if v)[:5000]
        if value.strip():
            fields.append((name, value))
    return fields


def database_unavailable_response(request=None) -> HttpResponse:
    """The static Chinese 503 page; renders without touching the database. For a POST it says
    plainly that nothing was saved and shows back what was typed, so it can be copied."""
    retry = int(getattr(settings, "DB_UNAVAILABLE_RETRY_AFTER", 30))
    context = {"retry_after": retry, "posted": request is not None and request.method == "POST",
               "fields": _typed_fields(request)}
    response = HttpResponse(render_to_string("ops/503.html", context), status=503,
                            content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(retry)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into a clean 503 page in Chinese.

    Errors raised by the view arrive in `process_exception`; errors raised in inner middleware
    (sessions, authentication) have already become a 500 response and are recognised through the
    flag set by the `got_request_exception` receiver in receivers.py. The broken connection is
    discarded at the end of the request (Django closes connections that saw errors), and
    CONN_HEALTH_CHECKS makes the next request reconnect, so the site recovers without a restart.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "_gongkai_db_unavailable", False):
            return database_unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            log.error("database unavailable: %s", exception, extra={"path": request.path})
            return database_unavailable_response(request)
        return None


class ContentSecurityPolicyMiddleware:
    """Send the strict policy (settings.CONTENT_SECURITY_POLICY) and a few companion headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
