from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("console/", include("gongkai.console.urls")),
    path("api/", include("gongkai.api.urls")),
    path("", include("gongkai.portal.urls")),
]
