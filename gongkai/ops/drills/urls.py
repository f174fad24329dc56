"""The site plus one drill endpoint: publish a document inside a web request."""
from django.contrib.auth import get_user_model
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def publish(request, pk, actor_id):
    from gongkai.catalog.models import Document
    from gongkai.catalog.services import document_transition

    document = document_transition(document=Document.objects.get(pk=pk), action="publish",
                                   actor=get_user_model().objects.get(pk=actor_id))
    return JsonResponse({"index_no": document.index_no})


urlpatterns = [
    path("drill/publish/<int:pk>/<int:actor_id>/", publish),
    path("", include("config.urls")),
]
