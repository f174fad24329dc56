from django.urls import path

from . import views
from .feeds import OpenConsultationsAtom, OpenConsultationsRss

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("feed/rss/", OpenConsultationsRss(), name="feed_rss"),
    path("feed/atom/", OpenConsultationsAtom(), name="feed_atom"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/done/", views.comment_done, name="done"),
]
