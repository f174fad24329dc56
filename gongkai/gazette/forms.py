from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agencies_for_user

from .transitions import EDIT_ROLES


def _gazette_agencies(user):
    """公报 are issued by governments (中央、省、设区的市; a 县 may): not departments or townships."""
    return agencies_for_user(user=user, roles=EDIT_ROLES).filter(
        kind=Agency.Kind.GOVERNMENT, level__in=[Agency.Level.PROVINCE, Agency.Level.CITY, Agency.Level.COUNTY])


class IssueForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("主办机关"), queryset=None)
    year = forms.IntegerField(label=_("年"), min_value=1900, max_value=2100)
    number = forms.IntegerField(label=_("期"), min_value=1)
    total_number = forms.IntegerField(label=_("总期号"), min_value=1)
    publish_date = forms.DateField(label=_("出版日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _gazette_agencies(user)
        today = timezone.localdate()
        self.initial.setdefault("year", today.year)
        self.initial.setdefault("publish_date", today)


class ArticleForm(forms.Form):
    document = forms.CharField(label=_("文件索引号或编号"), max_length=64)
    section = forms.CharField(label=_("栏目"), max_length=60, required=False)
    standard = forms.ChoiceField(label=_("标准文本"), choices=[("", _("按文件类别（规章、规范性文件为标准文本）")),
                                                            ("1", _("是")), ("0", _("否"))], required=False)
    page = forms.IntegerField(label=_("页码"), min_value=1, required=False)


class PdfForm(forms.Form):
    pdf = forms.FileField(label=_("印刷版PDF"))


class ImportCsvForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("主办机关"), queryset=None)
    file = forms.FileField(label=_("往期目录CSV"), help_text=_("列：年、期、总期号、出版日期、序号、文件（索引号或标题）、标准文本、栏目、页码"))
    publish = forms.BooleanField(label=_("导入后直接出版"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _gazette_agencies(user)


class ImportPdfForm(IssueForm):
    pdf = forms.FileField(label=_("印刷版PDF"))
    publish = forms.BooleanField(label=_("导入后直接出版"), required=False)
