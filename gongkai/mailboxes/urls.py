from django.urls import path

from . import views

app_name = "mailboxes"
urlpatterns = [
    path("", views.index, name="index"),
    path("track/", views.track, name="track"),
    path("stats/", views.stats, name="stats"),
    path("<slug:slug>/", views.mailbox, name="mailbox"),
    path("<slug:slug>/write/", views.write, name="write"),
    path("<slug:slug>/done/", views.done, name="done"),
    path("<slug:slug>/<str:number>/", views.message, name="message"),
]
