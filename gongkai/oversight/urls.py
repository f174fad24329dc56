from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("", views.progress, name="progress"),
    path("<int:year>/", views.progress, name="year"),
]
