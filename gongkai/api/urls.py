"""Mount the JSON API: OpenAPI docs at /api/docs, schema at /api/openapi.json (namespace "api")."""
from django.urls import path

from .core import api

urlpatterns = [path("", api.urls)]
