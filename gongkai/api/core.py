"""The NinjaAPI instance: public catalog, staff reads, other apps' routers, Chinese error bodies."""
import importlib

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from gongkai.core.errors import PermissionDeniedError, UserFacingError

from . import public, staff

# Apps that may expose a `router` in gongkai/<app>/api.py, mounted at /api/<app>/.
OPTIONAL_ROUTERS = ("search", "foi", "reports", "review", "consultations", "mailboxes", "decisions",
                    "newmedia", "guides", "stdcatalog", "gazette", "opendata", "answers", "columns",
                    "proposals", "assessment", "concerns")

api = NinjaAPI(title="gongkai API", version="1", docs_url="/docs", urls_namespace="api",
               description="政务公开平台接口：主动公开目录（只读）与工作人员接口。错误响应为 JSON，"
                           "`detail` 字段为中文说明。")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("未找到该资源。")}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("请先登录。")}, status=401)


@api.exception_handler(AuthorizationError)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": _("您没有执行此操作的权限。")}, status=403)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": _("请求参数无效。"), "errors": exc.errors}, status=422)


@api.exception_handler(PermissionDeniedError)
def _denied(request, exc):
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(UserFacingError)
def _user_error(request, exc):
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    # Django's own answer would be the HTML 400 page; a JSON client gets JSON.
    return api.create_response(request, {"detail": _("请求内容超过 %(mb)d MB，无法处理，请分段提交。")
                                         % {"mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)}}, status=413)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    detail = str(exc)
    if exc.status_code == 403 and detail == "CSRF check Failed":  # django-ninja's own English text
        detail = _("安全校验（CSRF）未通过，请刷新页面后重试。")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


api.add_router("/", public.router)
api.add_router("/staff/", staff.router)


def optional_router(app: str):
    """The `router` of gongkai.<app>.api, or None when that module does not exist (yet)."""
    name = f"gongkai.{app}.api"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
    return module.router


for _app in OPTIONAL_ROUTERS:
    _router = optional_router(_app)
    if _router is not None:
        api.add_router(f"/{_app}/", _router)
