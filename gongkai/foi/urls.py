from django.urls import path

from . import views

app_name = "foi"
urlpatterns = [
    path("", views.apply, name="apply"),
    path("done/", views.done, name="done"),
    path("track/", views.track, name="track"),
    path("track/notices/<int:pk>/", views.notice_download, name="notice"),
    path("track/files/<int:pk>/", views.file_download, name="file"),
    path("recover/", views.recover, name="recover"),
    path("form.docx", views.form_docx, name="form_docx"),
    path("form.pdf", views.form_pdf, name="form_pdf"),
]
