from django.contrib.auth import views as auth_views
from django.urls import path

from .views import attachments, documents, home, imports, relations

app_name = "console"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="console/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    path("integrity/", home.integrity_check, name="integrity_check"),
    path("documents/", documents.document_list, name="documents"),
    path("documents/new/", documents.document_new, name="document_new"),
    path("documents/<int:pk>/", documents.document_detail, name="document"),
    path("documents/<int:pk>/edit/", documents.document_edit, name="document_edit"),
    path("documents/<int:pk>/transition/", documents.document_transition_view, name="document_transition"),
    path("documents/<int:pk>/validity/", documents.document_validity, name="document_validity"),
    path("documents/<int:pk>/attachments/", attachments.attachment_upload, name="attachment_upload"),
    path("documents/<int:pk>/attachments/<int:attachment_id>/", attachments.attachment_download,
         name="attachment_download"),
    path("documents/<int:pk>/attachments/<int:attachment_id>/delete/", attachments.attachment_delete,
         name="attachment_delete"),
    path("documents/<int:pk>/relations/", relations.relation_search, name="relation_search"),
    path("documents/<int:pk>/relations/add/", relations.relation_create, name="relation_add"),
    path("documents/<int:pk>/relations/<int:relation_id>/delete/", relations.relation_delete,
         name="relation_delete"),
    path("import/", imports.import_documents, name="import"),
    path("import/<int:pk>/", imports.import_job, name="import_job"),
    path("import/<int:pk>/retry/", imports.import_job_retry_view, name="import_job_retry"),
]
