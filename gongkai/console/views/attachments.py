"""Attachment upload, download and removal for drafts."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.catalog.models import Attachment
from gongkai.catalog.services import attachment_add, attachment_remove
from gongkai.core.errors import PermissionDeniedError, UserFacingError

from ..forms import AttachmentForm
from ..selectors import document_permissions
from ..uploads import attachment_upload_check
from .common import denied, scoped_document


@login_required
def attachment_upload(request, pk):
    """Attach a file to a draft after checking its size and its real type."""
    document = scoped_document(request, pk)
    if not document_permissions(user=request.user, document=document)["can_edit"]:
        return denied(request, _("只有本机关的编辑、审核人员可以为草稿添加附件。"))
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = attachment_upload_check(upload)
            attachment = attachment_add(document=document, actor=request.user,
                                        name=checked.safe_name, content=checked.data,
                                        content_type=checked.content_type)
        except PermissionDeniedError as exc:
            return denied(request, exc.message)
        except UserFacingError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(request, _("已添加附件“%(name)s”。") % {"name": attachment.original_name})
            return redirect("console:document", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "console/attachment_form.html", {"form": form, "document": document},
                  status=status)


@login_required
def attachment_download(request, pk, attachment_id):
    """Send an attachment of a document in the user's agencies."""
    document = scoped_document(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, document=document)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type or "application/octet-stream")


@login_required
@require_POST
def attachment_delete(request, pk, attachment_id):
    """Remove an attachment from a draft."""
    document = scoped_document(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, document=document)
    try:
        attachment_remove(attachment=attachment, actor=request.user)
    except PermissionDeniedError as exc:
        return denied(request, exc.message)
    except UserFacingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("附件已删除。"))
    return redirect("console:document", pk=document.pk)
