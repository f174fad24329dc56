from django.urls import path

from . import staff_files as f
from . import staff_views as v

app_name = "foi_staff"
urlpatterns = [
    path("", v.dashboard_view, name="dashboard"),
    path("cases/", v.cases_view, name="cases"),
    path("cases/new/", v.register_view, name="register"),
    path("cases/<int:pk>/", v.case_view, name="case"),
    path("cases/<int:pk>/act/<slug:action>/", v.case_act_view, name="act"),
    path("cases/<int:pk>/appeals/", v.appeal_add_view, name="appeal_add"),
    path("cases/<int:pk>/publish/", v.publish_view, name="publish"),
    path("cases/<int:pk>/identity/", v.identity_view, name="identity"),
    path("appeals/<int:pk>/", v.appeal_update_view, name="appeal_update"),
    path("cases/<int:pk>/files/", f.file_add_view, name="file_add"),
    path("files/<int:pk>/remove/", f.file_remove_view, name="file_remove"),
    path("notices/<int:pk>/docx/", v.notice_docx_view, name="notice_docx"),
    path("notices/<int:pk>/pdf/", v.notice_pdf_view, name="notice_pdf"),
    path("notices/<int:pk>/retry/", v.notice_retry_view, name="notice_retry"),
    path("templates/", v.templates_view, name="templates"),
    path("templates/<slug:key>/", v.template_download_view, name="template_download"),
    path("notifications/", v.notifications_view, name="notifications"),
]
