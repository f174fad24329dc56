"""The Chinese 404 page also under DEBUG (`make run`), where Django would show its English
technical page; `?debug-404` (DEBUG only) still shows Django's page for a developer."""
from django.conf import settings
from django.views.defaults import page_not_found

_TECHNICAL_MARK = b"You\xe2\x80\x99re seeing this error because you have <code>DEBUG = True</code>"
_TECHNICAL_MARK_ASCII = b"You're seeing this error because you have <code>DEBUG = True</code>"


class ChineseNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (settings.DEBUG and response.status_code == 404 and "debug-404" not in request.GET
                and not getattr(response, "streaming", False)
                and response.get("Content-Type", "").startswith("text/html")
                and (_TECHNICAL_MARK in response.content or _TECHNICAL_MARK_ASCII in response.content)):
            return page_not_found(request, exception=None)
        return response
