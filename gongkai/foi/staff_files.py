"""Console views for the files disclosed with a reply: upload (reviewed) and remove."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.core.errors import UserFacingError

from .disclosure import ALLOWED_SUFFIXES, disclosed_file_add, disclosed_file_remove, file_max_bytes
from .models_delivery import DisclosedFile
from .selectors import case_get_for_user


class DisclosedFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("文件"), widget=forms.ClearableFileInput(
        attrs={"accept": ",".join(ALLOWED_SUFFIXES)}))
    redacted = forms.BooleanField(label=gettext_lazy("已作区分处理（部分公开）"), required=False)
    redaction_note = forms.CharField(label=gettext_lazy("区分处理说明"), required=False, max_length=2000,
                                     widget=forms.Textarea(attrs={"rows": 2}),
                                     help_text=gettext_lazy("删除或遮盖了哪些内容、依据什么理由"))


@login_required
@require_POST
def file_add_view(request, pk):
    case = case_get_for_user(user=request.user, pk=pk)
    form = DisclosedFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("foi_staff:case", pk=case.pk)
    upload = form.cleaned_data["file"]
    if upload.size > file_max_bytes():
        messages.error(request, _("单个文件不能超过 %(mb)d MB。") % {"mb": file_max_bytes() // (1024 * 1024)})
        return redirect("foi_staff:case", pk=case.pk)
    try:
        item = disclosed_file_add(case=case, actor=request.user, name=upload.name, data=upload.read(),
                                  redacted=form.cleaned_data["redacted"],
                                  redaction_note=form.cleaned_data["redaction_note"])
    except UserFacingError as exc:
        messages.error(request, exc.message)
    else:
        note = item.review.get("message") if item.review else ""
        messages.success(request, _("已添加文件“%(name)s”。") % {"name": item.name}
                         + (_("公开前审查提示：%(m)s") % {"m": note} if note else ""))
    return redirect("foi_staff:case", pk=case.pk)


@login_required
@require_POST
def file_remove_view(request, pk):
    item = get_object_or_404(DisclosedFile, pk=pk)
    case_get_for_user(user=request.user, pk=item.case_id)
    try:
        disclosed_file_remove(item=item, actor=request.user)
    except UserFacingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已删除文件。"))
    return redirect("foi_staff:case", pk=item.case_id)
