from django.urls import path

from . import staff_views

app_name = "concerns_staff"
urlpatterns = [
    path("", staff_views.staff_list, name="list"),
    path("new/", staff_views.staff_edit, name="new"),
    path("<int:pk>/", staff_views.staff_detail, name="detail"),
    path("<int:pk>/edit/", staff_views.staff_edit, name="edit"),
    path("<int:pk>/action/", staff_views.staff_action, name="action"),
]
