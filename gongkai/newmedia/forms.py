"""Staff forms of the newmedia app."""
from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.selectors import agencies_for_user

from .models import Platform
from .transitions import EDIT_ROLES


class AccountForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("主办单位"), queryset=None)
    platform = forms.ChoiceField(label=_("平台"), choices=Platform.choices)
    name = forms.CharField(label=_("名称"), max_length=120)
    account_id = forms.CharField(label=_("账号ID"), max_length=120)
    operator_name = forms.CharField(label=_("运维人"), max_length=60)
    operator_phone = forms.CharField(label=_("运维人电话"), max_length=40)
    qr = forms.FileField(label=_("二维码（PNG 或 JPEG）"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_user(user=user, roles=EDIT_ROLES)


class PostDateForm(forms.Form):
    date = forms.DateField(label=_("最新发布日期"), widget=forms.DateInput(attrs={"type": "date"}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV 文件（列：账号ID、最新发布日期，可选：平台；UTF-8 或 GBK 编码）"))


def uploaded(file):
    """(name, bytes) of an uploaded file, or None."""
    return (file.name, file.read()) if file else None
