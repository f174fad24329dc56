from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("<int:year>/", views.catalog, name="year"),
    path("item/<int:pk>/", views.item, name="item"),
]
