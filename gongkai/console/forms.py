"""Console forms. They validate input only; every write goes through gongkai.catalog.services."""
from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import Document, RelationKind, Status, Subject, Validity
from gongkai.catalog.transitions import TRANSITIONS

DOCUMENT_FIELDS = [
    "title", "doc_no", "index_no", "subject", "category", "genre", "keywords", "summary",
    "written_date", "publish_date", "disclosure", "validity", "effective_date", "expiry_date",
    "body_html",
]
DATE_FIELDS = ("written_date", "publish_date", "effective_date", "expiry_date")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def subject_choices():
    """Subjects grouped under their top-level category, for a select with <optgroup>s."""
    choices = [("", _("（未分类）"))]
    for top in Subject.objects.filter(parent__isnull=True).prefetch_related("children").order_by("sort_order", "id"):
        group = [(top.pk, _("%(name)s（总类）") % {"name": top.name})]
        group += [(child.pk, child.name) for child in top.children.all()]
        choices.append((top.name, group))
    return choices


class DocumentForm(forms.ModelForm):
    """A draft's metadata and body. `agency` is offered only when creating."""

    agency = forms.ModelChoiceField(queryset=None, label=_("发布机构"), empty_label=None)

    class Meta:
        model = Document
        fields = DOCUMENT_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body_html": forms.Textarea(attrs={"rows": 16, "class": "body-html", "data-rich-editor": "quill"}),
            **{name: DateInput() for name in DATE_FIELDS},
        }
        help_texts = {
            "index_no": _("留空则在发布时按本机关规则自动生成；发布后不可更改。"),
            "body_html": _("可直接从 Word 粘贴：保留标题、列表和表格，去掉 Word 的字体和样式；保存时还会清除脚本等不安全内容。"),
            "doc_no": _("如“示政办发〔2024〕3号”；方括号、圆括号写法会自动规范。"),
            "keywords": _("多个主题词用空格或逗号分隔。"),
        }

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["agency"]
            if self.instance.revisions.exists():
                self.fields["index_no"].disabled = True
        else:
            self.fields["agency"].queryset = agencies
        self.fields["subject"].queryset = Subject.objects.all()
        self.fields["subject"].choices = subject_choices()
        self.fields["title"].widget.attrs["size"] = 60

    def clean(self):
        data = super().clean()
        written, published = data.get("written_date"), data.get("publish_date")
        if written and published and published < written:
            self.add_error("publish_date", _("发布日期不能早于成文日期。"))
        effective, expiry = data.get("effective_date"), data.get("expiry_date")
        if effective and expiry and expiry < effective:
            self.add_error("expiry_date", _("废止或失效日期不能早于生效日期。"))
        return data

    def service_fields(self) -> dict:
        """The cleaned values to hand to document_create / document_update."""
        fields = {name: self.cleaned_data[name] for name in DOCUMENT_FIELDS if name in self.fields
                  and not self.fields[name].disabled}
        for name in ("index_no", "doc_no", "keywords", "summary", "body_html"):
            if name in fields and fields[name] is None:
                fields[name] = ""
        return fields


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件文件"), help_text=_(
        "接受 PDF、Word、Excel、JPG、PNG 和纯文本文件；类型按文件内容识别。"))


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("关系"), choices=RelationKind.choices)
    target = forms.IntegerField(label=_("目标文件"), widget=forms.HiddenInput)


class RelationSearchForm(forms.Form):
    q = forms.CharField(label=_("按索引号、名称或发文字号查找已发布文件"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("关系"), choices=RelationKind.choices, required=False)


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(name, t.label) for name, t in TRANSITIONS.items()])
    reason = forms.CharField(label=_("理由"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    override_reason = forms.CharField(label=_("审查提示风险时仍予发布的理由"), required=False, max_length=2000,
                                      widget=forms.Textarea(attrs={"rows": 2}))


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=_("新的有效性"), choices=[c for c in Validity.choices if c[0]])
    date = forms.DateField(label=_("废止或失效日期"), required=False, widget=DateInput,
                           help_text=_("留空为今天；仅在废止或失效时使用。"))
    reason = forms.CharField(label=_("理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("名称包含"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("状态"), required=False,
                               choices=[("", _("全部状态"))] + list(Status.choices))
    agency = forms.ChoiceField(label=_("机关"), required=False)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("全部机关"))] + [(str(a.pk), a.name) for a in agencies]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.docx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)) and data:
            return [single(d, initial) for d in data]
        if isinstance(data, (list, tuple)):
            data = None
        return [single(data, initial)] if data else single(data, initial)


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label=_("归入机关"), empty_label=None)
    files = MultipleFileField(label=_("文件（.txt、.html、.docx，可多选）"))
    title = forms.CharField(label=_("名称"), required=False, max_length=300,
                            help_text=_("只导入一个文件时可填写；留空则从文件中识别。"))
    title_confirmed = forms.BooleanField(label=_("我已核对，名称无误，仍使用此名称"), required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["title"].widget.attrs["size"] = 60

    def clean(self):
        from .review_panel import title_looks_like_spam

        data = super().clean()
        title = (data.get("title") or "").strip()
        data["title"] = title
        if title and len(data.get("files") or []) > 1:
            self.add_error("title", _("填写名称时只能导入一个文件。"))
        elif title and not data.get("title_confirmed"):
            found = title_looks_like_spam(title)
            if found:
                self.add_error("title", _("名称中“%(found)s”像是网页被植入的广告或赌博等垃圾信息，请删除；"
                                          "确认无误的，请勾选下面的“仍使用此名称”。") % {"found": found})
        return data
