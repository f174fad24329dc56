from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import template as t


class GenerateForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label=_("机关"))
    year = forms.IntegerField(label=_("报告年度"), min_value=2021)
    include_departments = forms.BooleanField(label=_("汇总所属部门（政府报告）"), required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["year"].max_value = timezone.localdate().year
        self.fields["year"].initial = timezone.localdate().year - 1


class ProseForm(forms.Form):
    overview = forms.CharField(label=_("一、总体情况"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    problems = forms.CharField(label=_("五、存在的主要问题及改进情况"), widget=forms.Textarea(attrs={"rows": 5}),
                               required=False)
    other_matters = forms.CharField(label=_("六、其他需要报告的事项"), widget=forms.Textarea(attrs={"rows": 5}),
                                    required=False)


class FigureForm(forms.Form):
    key = forms.ChoiceField(label=_("项目"), choices=t.MANUAL_FIGURES)
    value = forms.DecimalField(label=_("数值"), min_value=0, max_digits=14, decimal_places=4)
    source = forms.CharField(label=_("数据来源"), max_length=200)


class FigureImportForm(forms.Form):
    file = forms.FileField(label=_("CSV 或 Excel 文件（列：项目、数值、来源）"))


class CheckUploadForm(forms.Form):
    file = forms.FileField(label=_("已发布的年度报告（.html、.txt、.docx）"))
    previous = forms.FileField(label=_("上年度报告（可选，用于核对结转数）"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), required=False, max_length=500)
