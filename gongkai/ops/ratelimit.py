"""Per-IP rate limits for public forms, counted in the shared cache (fixed windows).

Use the decorator on a view::

    from gongkai.ops.ratelimit import ratelimit

    @ratelimit(scope="comment", limit=10, window=3600)
    def comment_post(request): ...

or call `ratelimit_exceeded(request=..., scope=..., limit=..., window=...)` inside a view. The
middleware `PublicPostRateLimitMiddleware` applies a limit to every POST under the paths in
settings.RATELIMIT_POST_PATHS (by default /apply/; the Chinese 429 page) and to every POST to the
JSON API (/api/...: settings.RATELIMIT_API_RATES per path prefix, RATELIMIT_API_DEFAULT_RATE for
the others; a JSON 429 with a Chinese `detail`), counted per client address. When the cache is
unreachable the limit is not enforced (fail open): the public must still be able to file an
application while Redis is down.
"""
import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, JsonResponse
from django.utils.connection import ConnectionProxy
from django.template.loader import render_to_string

from .netutil import client_ip

cache = ConnectionProxy(caches, "limits")  # shared by every process (see settings.CACHES)


def _enabled() -> bool:
    return getattr(settings, "RATELIMIT_ENABLED", True)


def ratelimit_hit(*, scope: str, ident: str, limit: int, window: int) -> tuple[bool, int]:
    """Count one hit; return (over_limit, seconds until the window ends)."""
    now = int(time.time())
    start = now - now % window
    digest = hashlib.sha1(ident.encode()).hexdigest()[:20]
    key = f"rl:{scope}:{digest}:{start}"
    retry_after = start + window - now
    try:
        cache.add(key, 0, window + 5)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: start again
        cache.set(key, 1, window + 5)
        count = 1
    except Exception:  # cache down: fail open
        return False, retry_after
    if count is None:  # django-redis with IGNORE_EXCEPTIONS swallowed an error
        return False, retry_after
    return count > limit, retry_after


def ratelimit_exceeded(*, request, scope: str, limit: int, window: int) -> int:
    """Count the request; return seconds to wait when over the limit, 0 when allowed."""
    if not _enabled():
        return 0
    over, retry_after = ratelimit_hit(scope=scope, ident=client_ip(request), limit=limit, window=window)
    return max(retry_after, 1) if over else 0


def too_many_requests(retry_after: int) -> HttpResponse:
    """The Chinese 429 page with Retry-After."""
    minutes = max(1, (retry_after + 59) // 60)
    body = render_to_string("ops/429.html", {"minutes": minutes})
    response = HttpResponse(body, status=429, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def too_many_requests_json(retry_after: int) -> JsonResponse:
    """The JSON API's 429: {"detail": "<Chinese>"} with Retry-After."""
    minutes = max(1, (retry_after + 59) // 60)
    response = JsonResponse({"detail": f"请求过于频繁，请在 {minutes} 分钟后再试。"}, status=429,
                            json_dumps_params={"ensure_ascii": False})
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def api_rate_for(path: str) -> tuple[str, str]:
    """(scope, rate) of a POST to the JSON API: the longest configured prefix, else the default."""
    rates = getattr(settings, "RATELIMIT_API_RATES", {}) or {}
    prefix = max((p for p in rates if path.startswith(p)), key=len, default="")
    if prefix:
        return f"api:{prefix}", rates[prefix]
    return "api", getattr(settings, "RATELIMIT_API_DEFAULT_RATE", "60/m")


def ratelimit(*, scope: str, limit: int, window: int, methods=("POST",)):
    """Decorate a view: at most `limit` requests per client IP per `window` seconds."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                wait = ratelimit_exceeded(request=request, scope=scope, limit=limit, window=window)
                if wait:
                    return too_many_requests(wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def parse_rate(value: str) -> tuple[int, int]:
    """'20/h' -> (20, 3600); units s, m, h, d."""
    count, _slash, unit = value.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[(unit or "h").strip().lower()[:1]]
    return int(count), seconds


class PublicPostRateLimitMiddleware:
    """Limit POSTs to the public form paths per client IP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path.startswith("/api/"):
            scope, rate = api_rate_for(request.path)
            limit, window = parse_rate(rate)
            wait = ratelimit_exceeded(request=request, scope=scope, limit=limit, window=window)
            if wait:
                return too_many_requests_json(wait)
        elif request.method == "POST":
            prefixes = getattr(settings, "RATELIMIT_POST_PATHS", ["/apply/"])
            if any(request.path.startswith(p) for p in prefixes):
                limit, window = parse_rate(getattr(settings, "RATELIMIT_POST_RATE", "20/h"))
                wait = ratelimit_exceeded(request=request, scope="public-post", limit=limit, window=window)
                if wait:
                    return too_many_requests(wait)
        return self.get_response(request)

