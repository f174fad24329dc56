"""The site plus drill endpoints doing work inside a web request: publish a document, run an import
job (as the embedded default does, with no worker), take an action on an application."""
from django.contrib.auth import get_user_model
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from gongkai.core.errors import UserFacingError


@csrf_exempt
def publish(request, pk, actor_id):
    from gongkai.catalog.models import Document
    from gongkai.catalog.services import document_transition

    document = document_transition(document=Document.objects.get(pk=pk), action="publish",
                                   actor=get_user_model().objects.get(pk=actor_id))
    return JsonResponse({"index_no": document.index_no})


@csrf_exempt
@require_POST
def import_run(request, pk):
    from gongkai.catalog.importing.jobs import import_job_run
    from gongkai.catalog.models import ImportJob

    job = import_job_run(job=ImportJob.objects.get(pk=pk))
    return JsonResponse({"status": job.status, "imported": job.imported})


@csrf_exempt
@require_POST
def case_act(request, pk, action, actor_id):
    from gongkai.foi.models import Case
    from gongkai.foi.services import case_transition

    params = {"outcome": "granted", "reply_text": "演练：现提供该信息。"} if action == "answer" else {}
    try:
        case = case_transition(case=Case.objects.get(pk=pk), action=action,
                               actor=get_user_model().objects.get(pk=actor_id), **params)
    except UserFacingError as exc:
        return JsonResponse({"error": exc.message}, status=409)
    return JsonResponse({"status": case.status})


urlpatterns = [
    path("drill/publish/<int:pk>/<int:actor_id>/", publish),
    path("drill/import/<int:pk>/", import_run),
    path("drill/case/<int:pk>/<slug:action>/<int:actor_id>/", case_act),
    path("", include("config.urls")),
]
