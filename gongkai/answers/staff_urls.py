from django.urls import path

from . import staff_views

app_name = "answers_staff"
urlpatterns = [
    path("", staff_views.staff_list, name="list"),
    path("<int:pk>/", staff_views.staff_edit, name="edit"),
    path("<int:pk>/action/", staff_views.staff_action, name="action"),
]
