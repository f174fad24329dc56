from django.urls import path

from . import staff_views as v

app_name = "oversight_staff"
urlpatterns = [
    path("", v.workbench, name="workbench"),
    path("import/", v.import_upload, name="import"),
    path("import/<int:pk>/", v.import_preview, name="preview"),
    path("task/<int:pk>/", v.task_detail, name="task"),
    path("task/<int:pk>/action/", v.task_action, name="action"),
    path("plan/<int:pk>/export.xlsx", v.plan_export, name="export"),
    path("notice/<int:pk>.docx", v.notice_download, name="notice"),
]
