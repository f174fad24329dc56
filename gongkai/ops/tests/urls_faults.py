"""The site's URL map plus views that fail the way a lost database fails (tests only)."""
from django.db import InterfaceError, OperationalError
from django.urls import include, path


def database_down(request):
    raise OperationalError("could not connect to server: Connection refused")


def public_form(request):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')


def broken(request):
    raise ValueError("a bug")


def forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def connection_closed(request):
    raise InterfaceError("connection already closed")


urlpatterns = [
    path("fault/db-down/", database_down),
    path("fault/conn-closed/", connection_closed),
    path("fault/public-form/", public_form),
    path("fault/bug/", broken),
    path("fault/forbidden/", forbidden),
    path("", include("config.urls")),
]
