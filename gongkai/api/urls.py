"""Mount the JSON API: OpenAPI docs at /api/docs, schema at /api/openapi.json (namespace "api")."""
from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _

from .core import api


def endpoint_not_found(request, rest=""):
    """Answer an unknown /api/ address with JSON, like every other API error."""
    return JsonResponse({"detail": _("没有这个接口。")}, status=404)


urlpatterns = [
    path("", api.urls),
    path("<path:rest>", endpoint_not_found),
]


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception=None):
    """handler400: JSON under /api/ (a request Django refuses before the API sees it), else the
    Chinese 400 page."""
    if _wants_json(request):
        return JsonResponse({"detail": _("请求无效或过大，无法处理。")}, status=400)
    from django.views.defaults import bad_request as page

    return page(request, exception)


def server_error(request):
    """handler500: JSON under /api/, else the Chinese 500 page."""
    if _wants_json(request):
        return JsonResponse({"detail": _("服务器内部错误，请稍后再试。")}, status=500)
    from django.views.defaults import server_error as page

    return page(request)
