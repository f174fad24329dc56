"""Forms of the consultations app (public comment form with the shared challenge; staff forms)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.challenge import ChallengeFormMixin

from .models import Channel, Consultation, Disposition
from .periods import STATUTORY


class CommentForm(ChallengeFormMixin, forms.Form):
    challenge_scope = "consultations.comment"
    article = forms.TypedChoiceField(label=_("针对条目"), required=False, coerce=int, empty_value=None)
    body = forms.CharField(label=_("意见内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=_("姓名或单位（选填，公开时显示为“张**”）"), max_length=100, required=False)
    phone = forms.CharField(label=_("联系电话（选填，不公开）"), max_length=40, required=False)
    email = forms.EmailField(label=_("电子邮箱（选填，不公开）"), required=False)

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", _("总体意见"))] + [
            (a.pk, f"{a.label} {a.text[:24]}") for a in consultation.articles.all()]


class ConsultationForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("征求意见类型"))
    channels = forms.MultipleChoiceField(label=_("意见提交渠道"), choices=Channel.choices,
                                         widget=forms.CheckboxSelectMultiple, initial=[Channel.ONLINE])
    draft_file = forms.FileField(label=_("征求意见稿附件（.docx 或 .pdf）"), required=False,
                                 help_text=_("上传 Word 文件且未填写正文时，正文从文件中读取并按条目拆分。"))

    class Meta:
        model = Consultation
        fields = ["title", "kind", "start_date", "end_date", "shortened_reason", "draft_file", "draft_text",
                  "explanation",
                  "contact_unit", "contact_address", "contact_postcode", "contact_phone", "contact_fax",
                  "contact_email", "channels"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}),
                   "end_date": forms.DateInput(attrs={"type": "date"}),
                   "draft_text": forms.Textarea(attrs={"rows": 12}), "explanation": forms.Textarea(attrs={"rows": 4}),
                   "shortened_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import PeriodRule

        names = list(STATUTORY) + list(PeriodRule.objects.values_list("name", flat=True))
        self.fields["kind"].choices = [(n, n) for n in names]


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(label=_("处理结果"), choices=[c for c in Disposition.choices if c[0]])
    reason = forms.CharField(label=_("理由（未完全采纳的必填）"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    whole_group = forms.BooleanField(label=_("同类意见一并处理"), required=False)


class StaffCommentForm(forms.Form):
    channel = forms.ChoiceField(label=_("渠道"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    article = forms.TypedChoiceField(label=_("针对条目"), required=False, coerce=int, empty_value=None)
    body = forms.CharField(label=_("意见内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    name = forms.CharField(label=_("姓名或单位"), max_length=100, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", _("总体意见"))] + [(a.pk, a.label) for a in consultation.articles.all()]


class ExtendForm(forms.Form):
    new_end = forms.DateField(label=_("延期至"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("延期理由（公开）"), widget=forms.Textarea(attrs={"rows": 2}))


class LinkFinalForm(forms.Form):
    index_no = forms.CharField(label=_("正式文件的索引号"), max_length=64,
                               help_text=_("征求意见后正式印发的文件在公开目录中的索引号；文件公开后与本征集互相链接。"))
