"""Keep nginx's copy of changed pages fresh (the edge cache in front of the application).

nginx keeps a public page for as long as the application says in X-Accel-Expires (pagecache.py).
Most pages get the short `PAGE_EDGE_CACHE_SECONDS`. Pages whose view is marked `edge_refreshed`
(a document's own page) get the long `PAGE_EDGE_REFRESHED_SECONDS`, but only when the operator has
set up a refresh listener (`EDGE_REFRESH_URLS`, see deploy/nginx/gongkai.conf): after a change
commits, `edge_refresh` asks every listener for the changed pages; the listener shares the public
cache zone and always bypasses it, so the fresh response (or the 404 of a withdrawn document)
replaces the stored copy at once. Without a listener every page keeps the short interval.
"""
import logging
import urllib.error
import urllib.request
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)
REFRESH_TIMEOUT = 10


def edge_refresh_urls() -> list[str]:
    return [u.rstrip("/") for u in getattr(settings, "EDGE_REFRESH_URLS", ()) if u]


def edge_seconds(*, refreshed: bool) -> int:
    """Return how long nginx may keep a public page (0: not at all)."""
    short = int(getattr(settings, "PAGE_EDGE_CACHE_SECONDS", 0) or 0)
    if short <= 0:
        return 0
    if refreshed and edge_refresh_urls():
        return max(short, int(getattr(settings, "PAGE_EDGE_REFRESHED_SECONDS", 0) or 0))
    return short


def edge_refreshed(view):
    """Mark a view's pages as refreshed on change, so the edge may keep them longer."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.edge_refreshed = True
        return response
    return wrapper


def _host() -> str:
    return urlsplit(settings.SITE_URL).netloc or "localhost"


def edge_refresh(*, paths) -> int:
    """Ask every refresh listener to fetch `paths` anew; return how many fetches answered.

    Failures are logged, never raised: the short interval still bounds how stale a page can be.
    """
    done = 0
    for base in edge_refresh_urls():
        for path in dict.fromkeys(paths):
            if not path.startswith("/"):
                continue
            request = urllib.request.Request(base + path, headers={"Host": _host(),
                                                                   "User-Agent": "gongkai-edge-refresh/1"})
            try:
                with urllib.request.urlopen(request, timeout=REFRESH_TIMEOUT) as response:  # noqa: S310
                    response.read()
                done += 1
            except urllib.error.HTTPError as exc:  # a 404 of a withdrawn page is an answer too
                exc.read()
                done += 1
            except (OSError, ValueError) as exc:
                logger.warning("edge refresh of %s%s failed: %s", base, path, exc)
    return done
