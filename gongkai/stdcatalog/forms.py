from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agencies_for_user
from gongkai.catalog.models import Subject

from .areas import areas
from .models import Audience, Mode
from .transitions import EDIT_ROLES


def _area_choices(with_items=False):
    return [(a.slug, f"{a.name}（{len(a.items)}项）" if with_items else a.name)
            for a in areas() if a.items or not with_items]


class CreateForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("编制机关"), queryset=None)
    title = forms.CharField(label=_("目录名称（可留空）"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_user(user=user, roles=EDIT_ROLES).filter(
            level__in=[Agency.Level.COUNTY, Agency.Level.TOWNSHIP], std_catalog__isnull=True)


class AdoptForm(forms.Form):
    area = forms.ChoiceField(label=_("领域"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices(with_items=True)


class EntryForm(forms.Form):
    level1 = forms.CharField(label=_("一级事项"), max_length=120)
    level2 = forms.CharField(label=_("二级事项"), max_length=200, required=False)
    content = forms.CharField(label=_("公开内容（要素）"), widget=forms.Textarea(attrs={"rows": 2}))
    basis = forms.CharField(label=_("公开依据"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    time_limit = forms.CharField(label=_("公开时限"), max_length=200, required=False,
                                 help_text=_("如：信息形成或变更之日起20个工作日内、实时、每季度、每年3月底前"))
    subject_text = forms.CharField(label=_("公开主体"), max_length=200, required=False)
    channels = forms.CharField(label=_("公开渠道和载体（顿号分隔）"), max_length=300, required=False)
    audience = forms.ChoiceField(label=_("公开对象"), choices=Audience.choices, required=False)
    mode = forms.ChoiceField(label=_("公开方式"), choices=Mode.choices, required=False)
    levels = forms.CharField(label=_("公开层级（顿号分隔，如 县级、乡级）"), max_length=60, required=False)
    topic = forms.ModelChoiceField(label=_("对应主题分类"), queryset=Subject.objects.all(), required=False)
    keywords = forms.CharField(label=_("匹配关键词（顿号分隔）"), max_length=200, required=False)

    def cleaned_fields(self) -> dict:
        d = dict(self.cleaned_data)
        for key in ("channels", "levels"):
            d[key] = [p.strip() for p in d[key].replace("，", "、").replace(",", "、").split("、") if p.strip()]
        return d

    @staticmethod
    def initial_from(entry) -> dict:
        return {"level1": entry.level1, "level2": entry.level2, "content": entry.content, "basis": entry.basis,
                "time_limit": entry.time_limit, "subject_text": entry.subject_text,
                "channels": "、".join(entry.channels), "audience": entry.audience, "mode": entry.mode,
                "levels": "、".join(entry.levels), "topic": entry.topic_id, "keywords": entry.keywords}


class LocalEntryForm(EntryForm):
    area = forms.ChoiceField(label=_("领域"), choices=())
    field_order = ["area"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices()


class ImportForm(forms.Form):
    file = forms.FileField(label=_("标准目录表格（XLSX、DOCX、CSV 或保存的网页）"))
    area = forms.ChoiceField(label=_("领域"), required=False,
                             help_text=_("留空：按工作表名称或表格上方“××领域”的标题判断"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("按表格判断"))] + _area_choices()


class BindForm(forms.Form):
    entry = forms.IntegerField(label=_("事项序号"), min_value=1)
    document = forms.CharField(label=_("文件索引号或编号"), max_length=64)


class WindowForm(forms.Form):
    start = forms.DateField(label=_("起"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("止"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def window(self):
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("start") or today.replace(month=1, day=1)
        end = data.get("end") or today
        return (start, end) if start <= end else (end, start)
