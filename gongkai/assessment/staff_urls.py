from django.urls import path

from . import staff_views as v

app_name = "assessment_staff"
urlpatterns = [
    path("", v.dashboard_view, name="dashboard"),
    path("snapshots/<int:pk>/", v.snapshot_view, name="snapshot"),
    path("export.xlsx", v.export_view, name="export"),
    path("compute/", v.compute_view, name="compute"),
    path("indicators/", v.indicators_view, name="indicators"),
    path("indicators/<int:pk>/", v.indicators_view, name="indicator_edit"),
]
