from django.urls import path

from . import views

app_name = "guides"
urlpatterns = [
    path("", views.guide_list, name="list"),
    path("<int:pk>/", views.guide, name="guide"),
    path("<int:pk>/v<int:number>/", views.version, name="version"),
    path("<int:pk>/m/<int:material_id>/<str:which>/", views.material_file, name="file"),
]
