"""Whole-page cache for anonymous readers of public pages.

A burst of readers of the same page is served from the cache and never reaches the database. Only
anonymous GETs of public paths are cached, and only responses that set no cookie, do not vary by
credentials and are not marked private; requests carrying a session or any cookie but the CSRF
cookie always render. Every cached page is keyed by a site-wide version
number; publishing, withdrawing or changing a document bumps the version (see receivers.py), so no
reader sees a withdrawn document after the change commits. With the cache unreachable every request
simply renders the page.
"""
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from .edge import edge_seconds

VERSION_KEY = "pagecache:version"
DEFAULT_EXCLUDED = ("/console/", "/admin/", "/api/staff/", "/apply/", "/healthz", "/static/", "/media/")
_SKIP_HEADERS = {"set-cookie", "x-request-id", "content-security-policy"}


def page_cache_version() -> int:
    """Return the current version; start one from the clock when the cache has none."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, int(time.time() * 1000), None)
            version = cache.get(VERSION_KEY)
    except Exception:
        return 0
    return int(version or 0)


def page_cache_invalidate() -> None:
    """Make every cached page stale (call after any change a public reader could see)."""
    try:
        try:
            result = cache.incr(VERSION_KEY)
        except ValueError:
            result = None
        if result is None:
            cache.set(VERSION_KEY, int(time.time() * 1000), None)
    except Exception:
        # Cache down: nothing is being served from it either.
        pass


def _excluded(path: str) -> bool:
    extra = tuple(getattr(settings, "PAGE_CACHE_EXCLUDE", ()))
    return "/staff/" in path or any(path.startswith(p) for p in DEFAULT_EXCLUDED + extra)


def request_is_cacheable(request) -> bool:
    if request.method != "GET":
        return False
    if _excluded(request.path):
        return False
    if set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}:
        return False  # a session (possibly signed in), flash messages or preferences: always render
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return True


def response_is_cacheable(response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    # "Vary: Cookie" is fine here: only requests without session or message cookies reach this, so
    # the page was rendered for an anonymous reader. A page that used the CSRF token sets the cookie
    # (get_token asks for it) and is refused above, so no reader gets another's token.
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if vary & {"authorization", "*"}:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return True


def _key(request, version: int) -> str:
    digest = hashlib.sha256(f"{request.get_host()}|{request.get_full_path()}".encode()).hexdigest()[:40]
    return f"page:{version}:{digest}"


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; store cacheable responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)
        if seconds <= 0 or not request_is_cacheable(request):
            return self.get_response(request)
        version = page_cache_version()
        key = _key(request, version) if version else None
        if key:
            try:
                hit = cache.get(key)
            except Exception:
                hit = None
            if hit is not None:
                status, headers, content, *rest = hit
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                response["X-Cache"] = "HIT"
                _edge(response, refreshed=bool(rest and rest[0]))
                return response
        response = self.get_response(request)
        refreshed = bool(getattr(response, "edge_refreshed", False))
        if key and response_is_cacheable(response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in _SKIP_HEADERS]
            try:
                cache.set(key, (response.status_code, headers, response.content, refreshed), seconds)
            except Exception:
                pass
            response["X-Cache"] = "MISS"
            _edge(response, refreshed=refreshed)
        elif response.status_code in (404, 410) and not response.cookies and not response.streaming:
            # A page that is gone may be kept briefly too: the edge refresh of a withdrawn
            # document must replace nginx's stored copy, which only a storable answer does.
            _edge(response, refreshed=False)
        return response


def _edge(response, *, refreshed: bool) -> None:
    """Let nginx keep this public page (X-Accel-Expires, never sent on to the browser): a burst on
    one page then costs the application one request per interval. nginx caches nothing that lacks
    this header, so only pages this middleware judged public ever are. Pages refreshed on change
    (edge.py) may be kept longer."""
    seconds = edge_seconds(refreshed=refreshed)
    if seconds > 0:
        response["X-Accel-Expires"] = str(seconds)
