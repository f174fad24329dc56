"""Forms of the concerns staff pages (the services check everything again)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Level, LinkKind


class ConcernForm(forms.Form):
    title = forms.CharField(label=_("关切事项"), max_length=200)
    level = forms.ChoiceField(label=_("级别"), choices=Level.choices, initial=Level.GENERAL,
                              help_text=_("特别重大、重大突发事件须在5小时内发布权威信息（国办发〔2016〕61号）。"))
    noticed_at = forms.DateTimeField(label=_("发现时间"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                format="%Y-%m-%dT%H:%M"))
    press_conference_at = forms.DateTimeField(
        label=_("新闻发布会时间"), required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("特别重大、重大突发事件最迟应在24小时内举行新闻发布会；举行后在此登记。"))
    summary = forms.CharField(label=_("情况摘要"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    channels = forms.CharField(label=_("回应渠道"), max_length=200, required=False,
                               help_text=_("如 政府网站、政务微博、新闻发布会"))


class LinkForm(forms.Form):
    index_no = forms.CharField(label=_("索引号"), max_length=64,
                               help_text=_("已在公开目录中发布的本机关（或下级机关）信息的索引号。"))
    kind = forms.ChoiceField(label=_("关联类型"), choices=LinkKind.choices, initial=LinkKind.RESPONSE)
