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
