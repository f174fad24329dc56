from django.urls import path

from . import views
from .feeds import ColumnAtomFeed, ColumnRssFeed

app_name = "columns"
urlpatterns = [
    path("fdzdgknr/lm/", views.column_index, name="index"),
    path("fdzdgknr/lm/<slug:slug>/", views.column, name="column"),
    path("fdzdgknr/lm/<slug:slug>/rss/", ColumnRssFeed(), name="feed_rss"),
    path("fdzdgknr/lm/<slug:slug>/atom/", ColumnAtomFeed(), name="feed_atom"),
    path("jggk/", views.profile_list, name="profiles"),
    path("jggk/<slug:slug>/", views.profile, name="profile"),
    path("jggk/<slug:slug>/photo/<int:number>/", views.leader_photo, name="photo"),
    path("gfxwj/", views.library, name="library"),
]
