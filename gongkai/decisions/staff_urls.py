from django.urls import path

from . import views

app_name = "decisions_staff"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("<int:pk>/action/", views.staff_action, name="action"),
]
