from django.urls import path

from . import staff_views

app_name = "mailboxes_staff"
urlpatterns = [
    path("", staff_views.staff_list, name="list"),
    path("reminders/read/", staff_views.staff_reminders_read, name="reminders_read"),
    path("stats/publish/", staff_views.staff_stats_publish, name="stats_publish"),
    path("<int:pk>/", staff_views.staff_detail, name="detail"),
    path("<int:pk>/action/", staff_views.staff_action, name="action"),
]
