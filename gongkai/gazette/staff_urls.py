from django.urls import path

from . import staff_views

app_name = "gazette_staff"
urlpatterns = [
    path("", staff_views.staff_list, name="list"),
    path("import/", staff_views.staff_import, name="import"),
    path("<int:pk>/", staff_views.staff_issue, name="issue"),
    path("<int:pk>/action/", staff_views.staff_action, name="action"),
]
