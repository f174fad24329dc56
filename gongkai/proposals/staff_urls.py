from django.urls import path

from . import staff_views

app_name = "proposals_staff"
urlpatterns = [
    path("", staff_views.staff_list, name="list"),
    path("<int:pk>/", staff_views.staff_detail, name="detail"),
    path("summary/", staff_views.staff_summary, name="summary"),
    path("reminders/read/", staff_views.staff_reminders_read, name="reminders_read"),
]
