from django.urls import path

from . import feeds, views

app_name = "gazette"
urlpatterns = [
    path("", views.index, name="index"),
    path("rss.xml", feeds.IssueRssFeed(), name="rss"),
    path("atom.xml", feeds.IssueAtomFeed(), name="atom"),
    path("<int:year>/", views.year, name="year"),
    path("issue/<int:pk>/", views.issue, name="issue"),
    path("issue/<int:pk>/html/", views.edition, name="edition"),
    path("issue/<int:pk>/pdf/", views.pdf, name="pdf"),
]
