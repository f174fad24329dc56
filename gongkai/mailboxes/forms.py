from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.challenge import ChallengeFormMixin

from .models import MessageType, Rating, RejectReason


class MessageForm(ChallengeFormMixin, forms.Form):
    challenge_scope = "mailboxes.write"
    type = forms.ChoiceField(label=_("留言类型"), choices=[("", _("请选择"))] + MessageType.choices)
    title = forms.CharField(label=_("标题"), max_length=120)
    body = forms.CharField(label=_("内容"), max_length=3000, widget=forms.Textarea(attrs={"rows": 8}))
    name = forms.CharField(label=_("姓名"), max_length=60, required=False)
    phone = forms.CharField(label=_("联系电话（不公开）"), max_length=40, required=False)
    email = forms.EmailField(label=_("电子邮箱（不公开）"), required=False)
    wants_public = forms.TypedChoiceField(label=_("是否公开"), coerce=lambda v: v == "1", initial="1",
                                          choices=[("1", _("同意公开（答复后在网站公开，个人信息隐去）")),
                                                   ("0", _("不公开"))], widget=forms.RadioSelect)
    anonymous = forms.BooleanField(label=_("公开时匿名显示"), required=False)
    attachment = forms.FileField(label=_("附件（选填，PDF、Word、Excel 或图片，不超过10MB）"), required=False)


class TrackForm(forms.Form):
    number = forms.CharField(label=_("留言编号"), max_length=24)
    code = forms.CharField(label=_("查询码"), max_length=16)


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("对答复的评价"), choices=Rating.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("意见（选填）"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StaffActionForm(forms.Form):
    action = forms.CharField()
    reason = forms.CharField(required=False)
    reply = forms.CharField(required=False)
    reject_reason = forms.ChoiceField(required=False, choices=[("", "")] + RejectReason.choices)
    workdays = forms.IntegerField(required=False, min_value=1, max_value=30)
    to_agency = forms.IntegerField(required=False, min_value=1, max_value=2**62)
