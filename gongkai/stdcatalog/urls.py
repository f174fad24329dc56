from django.urls import path

from . import views

app_name = "stdcatalog"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.catalog, name="catalog"),
]
