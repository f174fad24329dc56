"""Forms of 数据开放: the public application (有条件开放) and 数据需求 forms with the challenge, the
query-code lookup, and the staff dataset/resource forms."""
from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agencies_for_user
from gongkai.core.challenge import ChallengeFormMixin

from .demand import DISPOSITIONS
from .models import Frequency, Tier, Topic
from .transitions import EDIT_ROLES

DATE = forms.DateInput(attrs={"type": "date"})


class ApplicationForm(ChallengeFormMixin, forms.Form):
    challenge_scope = "opendata.apply"
    applicant = forms.CharField(label=_("申请人"), max_length=60)
    organisation = forms.CharField(label=_("单位"), max_length=120)
    email = forms.EmailField(label=_("电子邮箱（不公开）"))
    phone = forms.CharField(label=_("联系电话（不公开）"), max_length=40)
    purpose = forms.CharField(label=_("用途"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    scenario = forms.CharField(label=_("使用场景"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    period_start = forms.DateField(label=_("使用期限起"), widget=DATE)
    period_end = forms.DateField(label=_("使用期限止"), widget=DATE)
    agreement = forms.BooleanField(label=_("我已阅读并同意数据使用协议"))


class LookupForm(forms.Form):
    number = forms.CharField(label=_("申请编号"), max_length=24)
    code = forms.CharField(label=_("查询码"), max_length=16)


class FeedbackForm(LookupForm):
    feedback = forms.CharField(label=_("使用反馈"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))


class DataRequestForm(ChallengeFormMixin, forms.Form):
    challenge_scope = "opendata.request"
    title = forms.CharField(label=_("需求名称"), max_length=200)
    description = forms.CharField(label=_("需求描述（所需数据的内容、用途）"), max_length=3000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    agency = forms.ModelChoiceField(label=_("希望提供的部门（选填）"), queryset=Agency.objects.order_by("path"),
                                    required=False)
    requester = forms.CharField(label=_("称呼（选填）"), max_length=60, required=False)
    email = forms.EmailField(label=_("电子邮箱（选填，不公开）"), required=False)


class DatasetForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("开放主体"), queryset=None)
    title = forms.CharField(label=_("名称"), max_length=200)
    summary = forms.CharField(label=_("摘要"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    topic = forms.ChoiceField(label=_("数据领域"), choices=Topic.choices)
    keywords = forms.CharField(label=_("关键字"), max_length=200, required=False)
    tier = forms.ChoiceField(label=_("开放属性"), choices=Tier.choices)
    tier_reason = forms.CharField(label=_("开放属性理由（有条件开放、不予开放必填）"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    frequency = forms.ChoiceField(label=_("更新频率"), choices=Frequency.choices)
    temporal_start = forms.DateField(label=_("时间范围起"), required=False, widget=DATE)
    temporal_end = forms.DateField(label=_("时间范围止"), required=False, widget=DATE)
    spatial_code = forms.CharField(label=_("空间范围（行政区划代码）"), max_length=12, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=60, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    contact_email = forms.CharField(label=_("联系邮箱"), max_length=120, required=False)
    licence = forms.CharField(label=_("使用协议"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_user(user=user, roles=EDIT_ROLES)


class ResourceForm(forms.Form):
    name = forms.CharField(label=_("资源名称"), max_length=200, required=False)
    file = forms.FileField(label=_("文件（CSV、XLSX、JSON、XML；PDF 不可机器读取）"))


class AnswerForm(forms.Form):
    disposition = forms.ChoiceField(label=_("处理结果"), choices=DISPOSITIONS)
    reason = forms.CharField(label=_("答复说明"), widget=forms.Textarea(attrs={"rows": 3}))
    dataset = forms.ModelChoiceField(label=_("关联数据集（选填）"), queryset=None, required=False)
    whole_group = forms.BooleanField(label=_("同时答复同类需求"), required=False)

    def __init__(self, *args, user, **kwargs):
        from .selectors import datasets_linkable

        super().__init__(*args, **kwargs)
        self.fields["dataset"].queryset = datasets_linkable(user=user)
