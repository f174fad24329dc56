from django.urls import path

from . import views

app_name = "review_staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("integrity/run/", views.integrity_run, name="integrity_run"),
]
