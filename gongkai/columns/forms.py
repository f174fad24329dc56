"""Staff forms of the columns app."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.selectors import agencies_for_user
from gongkai.catalog.models import Category, Genre, Subject

from .models import ColumnLevel
from .transitions import DIRECTORY_ROLES, EDIT_ROLES


class ColumnForm(forms.Form):
    name = forms.CharField(label=_("栏目名称"), max_length=120)
    basis = forms.CharField(label=_("依据"), max_length=60, required=False)
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    level = forms.ChoiceField(label=_("适用层级"), choices=ColumnLevel.choices)
    sort_order = forms.IntegerField(label=_("排序"), min_value=-10000, max_value=10000)
    active = forms.BooleanField(label=_("启用"), required=False)
    categories = forms.MultipleChoiceField(label=_("信息类别（任一）"), choices=Category.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    subjects = forms.ModelMultipleChoiceField(label=_("主题分类（任一，含下级分类）"), queryset=Subject.objects.none(),
                                              required=False)
    keywords = forms.CharField(label=_("标题或主题词包含（任一，用顿号或逗号分隔）"), required=False, max_length=800)
    genres = forms.MultipleChoiceField(label=_("文种（限定，不选则不限）"), choices=Genre.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    include_guides = forms.BooleanField(label=_("列入办事指南"), required=False)
    include_profiles = forms.BooleanField(label=_("列入机构概况"), required=False)
    include_normative = forms.BooleanField(label=_("链接规范性文件库"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subjects"].queryset = Subject.objects.select_related("parent").order_by("sort_order", "id")

    @classmethod
    def initial_for(cls, column) -> dict:
        return {"name": column.name, "basis": column.basis, "description": column.description, "level": column.level,
                "sort_order": column.sort_order, "active": column.active, "categories": column.categories,
                "subjects": list(column.subjects.all()), "keywords": "、".join(column.keywords),
                "genres": column.genres, "include_guides": column.include_guides,
                "include_profiles": column.include_profiles, "include_normative": column.include_normative}


class ProfileForm(forms.Form):
    functions = forms.CharField(label=_("机构职能"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    structure = forms.CharField(label=_("机构设置（内设机构，每行一个）"), required=False,
                                widget=forms.Textarea(attrs={"rows": 6}))
    address = forms.CharField(label=_("办公地址"), max_length=200, required=False)
    hours = forms.CharField(label=_("办公时间"), max_length=120, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=60, required=False)
    fax = forms.CharField(label=_("传真"), max_length=60, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    postal_code = forms.CharField(label=_("邮政编码"), max_length=6, required=False)


class LeaderForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40)
    post = forms.CharField(label=_("职务"), max_length=80)
    duties = forms.CharField(label=_("工作分工"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photo = forms.FileField(label=_("照片（可选，PNG 或 JPEG）"), required=False)


class ProfileAgencyForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("机关"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_user(user=user, roles=EDIT_ROLES).order_by("path")


class DirectoryForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("制定机关"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=9999)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_user(user=user, roles=DIRECTORY_ROLES).order_by("path")
        self.fields["year"].initial = timezone.localdate().year


def uploaded(file):
    return (file.name, file.read()) if file else None
