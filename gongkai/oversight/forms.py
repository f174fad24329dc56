"""Forms of the oversight console pages."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agencies_for_user

from .models import RequestKind, Stage
from .transitions import PLAN_ROLES


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("印发机关"), queryset=Agency.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    file = forms.FileField(label=_("工作要点文件（.txt、.docx 或 .xlsx）"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_user(user=user, roles=PLAN_ROLES)
        self.initial.setdefault("year", timezone.localdate().year)


class ReportForm(forms.Form):
    period = forms.CharField(label=_("填报期间"), max_length=16)
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    stage = forms.ChoiceField(label=_("阶段"), choices=[("", "—")] + list(Stage.choices), required=False)
    percent = forms.IntegerField(label=_("完成百分比"), min_value=0, max_value=100, required=False)
    document_ids = forms.CharField(label=_("佐证：已公开文件编号（多个用逗号分隔）"), required=False)
    attachment = forms.FileField(label=_("佐证附件"), required=False)

    def clean_document_ids(self):
        raw = self.cleaned_data["document_ids"].replace("，", ",")
        try:
            return [int(p) for p in raw.split(",") if p.strip()]
        except ValueError:
            raise forms.ValidationError(_("文件编号应为数字。"))


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("申请类型"), choices=RequestKind.choices)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))
    new_due = forms.DateField(label=_("申请延至"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    new_lead = forms.ModelChoiceField(label=_("建议牵头单位"), queryset=Agency.objects.filter(is_catch_all=False),
                                      required=False)
