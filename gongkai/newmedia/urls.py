from django.urls import path

from . import views

app_name = "newmedia"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("qr/<int:pk>/", views.qr, name="qr"),
]
