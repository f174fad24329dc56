from django.urls import path

app_name = "reports_staff"
urlpatterns: list = []
