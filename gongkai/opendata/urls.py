from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.jsonld", views.catalog_jsonld, name="catalog_jsonld"),
    path("catalog.csv", views.catalog_csv, name="catalog_csv"),
    path("<int:pk>/", views.dataset, name="dataset"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("apply/status/", views.apply_status, name="apply_status"),
    path("resource/<int:pk>/", views.resource, name="resource"),
    path("resource/<int:pk>/download/", views.download, name="download"),
    path("resource/<int:pk>/schema.json", views.schema_json, name="schema"),
    path("requests/", views.requests_list, name="requests"),
]
