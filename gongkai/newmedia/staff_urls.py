from django.urls import path

from . import staff_views

app_name = "newmedia_staff"
urlpatterns = [
    path("", staff_views.staff_list, name="list"),
    path("<int:pk>/action/", staff_views.staff_action, name="action"),
    path("import/", staff_views.staff_import, name="import"),
]
