from django.urls import path

from . import staff_views

app_name = "stdcatalog_staff"
urlpatterns = [
    path("", staff_views.staff_list, name="list"),
    path("<int:pk>/", staff_views.staff_catalog, name="catalog"),
    path("<int:pk>/action/", staff_views.staff_action, name="action"),
    path("entry/<int:pk>/", staff_views.staff_entry, name="entry"),
]
