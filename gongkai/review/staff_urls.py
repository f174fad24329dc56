from django.urls import path

app_name = "review_staff"
urlpatterns: list = []
