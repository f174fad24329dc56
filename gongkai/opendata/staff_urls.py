from django.urls import path

from . import staff_views

app_name = "opendata_staff"
urlpatterns = [
    path("", staff_views.staff_list, name="list"),
    path("<int:pk>/", staff_views.dataset, name="dataset"),
    path("applications/<int:pk>/", staff_views.application, name="application"),
    path("requests/<int:pk>/", staff_views.request_act, name="request"),
]
