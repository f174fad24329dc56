from django.urls import path

app_name = "foi_staff"
urlpatterns: list = []
