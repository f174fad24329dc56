from django.urls import path

from . import staff_views

app_name = "columns_staff"
urlpatterns = [
    path("", staff_views.column_list, name="columns"),
    path("<int:pk>/", staff_views.column_edit, name="column"),
    path("profiles/", staff_views.profile_list, name="profiles"),
    path("profiles/<int:pk>/", staff_views.profile_edit, name="profile"),
    path("profiles/<int:pk>/action/", staff_views.profile_action, name="profile_action"),
    path("normative/", staff_views.normative, name="normative"),
    path("normative/<int:pk>/number/", staff_views.normative_number, name="normative_number"),
]
