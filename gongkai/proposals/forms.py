from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.selectors import agencies_for_user

from .models import ProposalKind, PublishMode, ReplyCategory
from .transitions import MANAGE_ROLES


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=ProposalKind.choices)
    session = forms.CharField(label=_("届次"), max_length=60, help_text=_("如 市十六届人大三次会议"))
    number = forms.CharField(label=_("编号"), max_length=30)
    title = forms.CharField(label=_("标题"), max_length=300)
    proposer = forms.CharField(label=_("代表/委员"), max_length=120)
    proposer_contact = forms.CharField(label=_("联系方式（不公开）"), max_length=200, required=False)
    lead = forms.ModelChoiceField(label=_("主办单位"), queryset=None)
    assist = forms.ModelMultipleChoiceField(label=_("协办单位"), queryset=None, required=False)
    assigned_date = forms.DateField(label=_("交办日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = agencies_for_user(user=user, roles=MANAGE_ROLES).order_by("path")
        self.fields["lead"].queryset = agencies
        self.fields["assist"].queryset = agencies
        self.initial.setdefault("assigned_date", timezone.localdate())


class ReplyForm(forms.Form):
    category = forms.ChoiceField(label=_("答复类别"), choices=ReplyCategory.choices)
    reply_date = forms.DateField(label=_("答复日期"), widget=forms.DateInput(attrs={"type": "date"}))
    reply_text = forms.CharField(label=_("复文"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("reply_date", timezone.localdate())


class PublishForm(forms.Form):
    publish_mode = forms.ChoiceField(label=_("公开方式"), choices=PublishMode.choices, initial=PublishMode.FULL)
    summary = forms.CharField(label=_("复文摘要（摘要公开时填写）"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
