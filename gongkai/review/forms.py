from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 5 * 1024 * 1024


class ScanForm(forms.Form):
    title = forms.CharField(label=_("文件标题（可选，用于判断公示等语境）"), required=False, max_length=300)
    text = forms.CharField(label=_("待审查文本"), required=False, max_length=2_000_000,
                           widget=forms.Textarea(attrs={"rows": 10}))
    file = forms.FileField(label=_("或上传文件（.txt、.html、.docx，不超过 5 MB）"), required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("上传的文件超过 5 MB。"))
        if not (data.get("text") or "").strip() and upload is None:
            raise forms.ValidationError(_("请粘贴文本或上传文件。"))
        return data
