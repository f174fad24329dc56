from django.urls import path

app_name = "foi"
urlpatterns: list = []
