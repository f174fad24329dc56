"""/xxgk/integrity/: the daily integrity checkpoints, as a page and as JSON, and the inclusion proof of
a public document's published revision (see review/checkpoints.py and docs/SECURITY.md)."""
from django.http import Http404, JsonResponse
from django.shortcuts import render

from gongkai.catalog.selectors import document_get_public
from gongkai.review.checkpoints import (checkpoint_files, checkpoint_get, checkpoint_latest, checkpoint_read,
                                        revision_proof)

SHOWN = 90


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False}, safe=False)


def integrity(request):
    checkpoints = [checkpoint_read(p) for p in reversed(checkpoint_files()[-SHOWN:])]
    return render(request, "portal/integrity.html", {"checkpoints": checkpoints})


def checkpoints_json(request):
    return _json([checkpoint_read(p) for p in checkpoint_files()])


def checkpoint_json(request, date):
    checkpoint = checkpoint_get(date)
    if checkpoint is None:
        raise Http404
    return _json(checkpoint)


def proof_json(request, pk):
    document = document_get_public(pk=pk)  # only what is public now (404 otherwise)
    date = (request.GET.get("checkpoint") or "").strip()
    checkpoint = checkpoint_get(date) if date else checkpoint_latest()
    if checkpoint is None:
        raise Http404
    proof = revision_proof(document_id=document.pk, checkpoint=checkpoint)
    if proof is None:
        raise Http404
    return _json(proof)
