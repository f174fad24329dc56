from django.urls import path

from . import views

app_name = "reports_staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("generate/", views.generate, name="generate"),
    path("check/", views.check_upload, name="check_upload"),
    path("check/<int:pk>/", views.check_detail, name="check"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/figure/<str:ref>/", views.figure, name="figure"),
    path("<int:pk>/prose/", views.prose, name="prose"),
    path("<int:pk>/recompute/", views.recompute, name="recompute"),
    path("<int:pk>/figures/", views.figure_set, name="figure_set"),
    path("<int:pk>/figures/import/", views.figure_import, name="figure_import"),
    path("<int:pk>/transition/<slug:action>/", views.transition, name="transition"),
    path("<int:pk>/download/<slug:fmt>/", views.download, name="download"),
]
