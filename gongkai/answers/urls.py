from django.urls import path

from . import views

app_name = "answers"
urlpatterns = [
    path("", views.qa, name="qa"),
]
