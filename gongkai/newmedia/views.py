"""The public 政务新媒体矩阵 (grouped by platform and agency, QR codes, no 运维人 data) and its QR images."""
from itertools import groupby

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone

from .liveness import account_is_stale
from .models import Platform
from .selectors import account_public, accounts_public

QR_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


def matrix(request):
    today = timezone.localdate()
    labels = dict(Platform.choices)
    groups = []
    for platform, accounts in groupby(accounts_public(), key=lambda a: a.platform):
        by_agency = [(agency, [(a, account_is_stale(a, today)) for a in rows])
                     for agency, rows in groupby(accounts, key=lambda a: a.agency)]
        groups.append((labels.get(platform, platform), by_agency))
    return render(request, "newmedia/matrix.html", {"groups": groups})


def qr(request, pk):
    account = account_public(pk=pk)
    if not account.qr_code:
        raise Http404
    extension = account.qr_code.name.rsplit(".", 1)[-1].lower()
    try:
        handle = account.qr_code.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(handle, content_type=QR_TYPES.get(extension, "application/octet-stream"))
