"""Forms for the application, registration and each case action. Validation messages are Chinese."""
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.codes import clean_code, uscc_problem
from gongkai.agencies.models import Agency
from gongkai.core.challenge import ChallengeFormMixin
from gongkai.core.people import person_name
from gongkai.core.text import nfkc

from .models import (AppealKind, AppealResult, ApplicantKind, Channel, ConsultationKind, Delivery, FeeMethod,
                     IdType, InfoForm, Outcome)
from .validators import id_number_normalize, id_number_problem, identity_file_problem, phone_normalize, phone_problem

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


APPLICANT_KIND_CHOICES = [
    (ApplicantKind.NATURAL_PERSON.value, ApplicantKind.NATURAL_PERSON.label),
    (gettext_lazy("法人或其他组织"), [(k.value, k.label) for k in ApplicantKind if k != ApplicantKind.NATURAL_PERSON]),
]


class ApplicantFieldsForm(forms.Form):
    applicant_kind = forms.ChoiceField(label=gettext_lazy("申请人类型"), choices=APPLICANT_KIND_CHOICES)
    applicant_name = forms.CharField(label=gettext_lazy("姓名或名称"), max_length=120)
    id_type = forms.ChoiceField(label=gettext_lazy("证件类型（自然人）"), choices=IdType.choices, required=False)
    id_number = forms.CharField(label=gettext_lazy("证件号码（自然人）"), max_length=40, required=False)
    org_code = forms.CharField(label=gettext_lazy("统一社会信用代码（法人或其他组织）"), max_length=30, required=False)
    legal_representative = forms.CharField(label=gettext_lazy("法定代表人或负责人"), max_length=60, required=False)
    contact_name = forms.CharField(label=gettext_lazy("联系人"), max_length=60, required=False)
    phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=30)
    email = forms.EmailField(label=gettext_lazy("电子邮箱"), required=False)
    address = forms.CharField(label=gettext_lazy("通信地址"), max_length=200, required=False)
    postal_code = forms.CharField(label=gettext_lazy("邮政编码"), max_length=6, required=False)
    info_title = forms.CharField(label=gettext_lazy("所需信息的名称"), max_length=300, required=False)
    info_doc_no = forms.CharField(label=gettext_lazy("文件编号（文号）"), max_length=100, required=False)
    info_description = forms.CharField(label=gettext_lazy("所需信息的内容描述"), max_length=5000,
                                       widget=forms.Textarea(attrs={"rows": 5}))
    info_form = forms.ChoiceField(label=gettext_lazy("信息的提供形式"), choices=InfoForm.choices)
    delivery = forms.ChoiceField(label=gettext_lazy("获取信息的方式"), choices=Delivery.choices)
    identity_file = forms.FileField(label=gettext_lazy("身份证明（PDF、JPG或PNG，不超过5MB）"), required=False)

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        problem = phone_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return phone_normalize(value)

    def clean_postal_code(self):
        value = nfkc(self.cleaned_data.get("postal_code", "")).strip()
        if value and not (value.isdigit() and len(value) == 6):
            raise forms.ValidationError(_("邮政编码应为6位数字。"))
        return value

    def clean_identity_file(self):
        upload = self.cleaned_data.get("identity_file")
        if upload:
            problem = identity_file_problem(upload)
            if problem:
                raise forms.ValidationError(problem)
        return upload

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("applicant_kind")
        if kind == ApplicantKind.NATURAL_PERSON:
            id_type = cleaned.get("id_type") or IdType.ID_CARD
            cleaned["id_type"] = id_type
            number = cleaned.get("id_number", "")
            if id_type == IdType.ID_CARD:
                problem = id_number_problem(number)
                if problem:
                    self.add_error("id_number", problem)
                else:
                    cleaned["id_number"] = id_number_normalize(number)
            elif not number.strip():
                self.add_error("id_number", _("请填写证件号码。"))
            cleaned["org_code"] = ""
        elif kind:
            code = clean_code(cleaned.get("org_code", ""))
            problem = uscc_problem(code) if code else _("法人或其他组织请填写统一社会信用代码。")
            if problem:
                self.add_error("org_code", problem)
            cleaned["org_code"] = code
            cleaned["id_type"], cleaned["id_number"] = "", ""
        return cleaned

    def service_fields(self) -> dict:
        from .services import APPLICANT_FIELDS

        return {k: self.cleaned_data.get(k, "") for k in APPLICANT_FIELDS}


class ApplicationForm(ChallengeFormMixin, ApplicantFieldsForm):
    """The public form (条例 Art. 29), with the bot check."""

    challenge_scope = "foi.apply"
    agency = forms.ModelChoiceField(label=gettext_lazy("向哪个机关申请"), queryset=Agency.objects.none())
    confirm = forms.BooleanField(label=gettext_lazy("我确认以上信息真实、准确，并同意提交申请"))

    field_order = ["agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The catch-all 其他机构 goes last: applicants look for the agency that holds the information.
        self.fields["agency"].queryset = Agency.objects.order_by("is_catch_all", "path", "sort_order", "id")
        self.fields["agency"].empty_label = _("请选择")


class RegisterForm(ApplicantFieldsForm):
    """Staff registration of an application that came in person, by post, by fax or online."""

    agency = forms.ModelChoiceField(label=gettext_lazy("受理机关"), queryset=Agency.objects.none())
    channel = forms.ChoiceField(label=gettext_lazy("申请方式"), choices=Channel.choices)
    received_date = forms.DateField(
        label=gettext_lazy("收到申请日期"), widget=DATE_WIDGET,
        help_text=gettext_lazy("条例第三十一条：当面提交为提交之日；邮寄为签收之日；平常信函为与申请人确认之日；"
                               "网络、传真为双方确认之日。"))
    note = forms.CharField(label=gettext_lazy("登记说明"), required=False, max_length=500)

    field_order = ["agency", "channel", "received_date"]

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()


class RecoverForm(forms.Form):
    tracking_no = forms.CharField(label=gettext_lazy("申请编号"), max_length=32)
    contact = forms.CharField(label=gettext_lazy("申请时填写的电子邮箱或联系电话"), max_length=120)


class TrackForm(forms.Form):
    tracking_no = forms.CharField(label=gettext_lazy("申请编号"), max_length=32)
    code = forms.CharField(label=gettext_lazy("查询码"), max_length=16)

    def clean_tracking_no(self):
        return nfkc(self.cleaned_data["tracking_no"]).strip().upper()

    def clean_code(self):
        return nfkc(self.cleaned_data["code"]).strip().upper()


# --- action forms: one per transition that needs input --------------------------------------------

class ActionForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("日期"), required=False, widget=DATE_WIDGET,
                           help_text=gettext_lazy("留空为今天"))
    reason = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def params(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("date", "reason")}


class AssignForm(ActionForm):
    handler = forms.ModelChoiceField(label=gettext_lazy("承办人"), queryset=None)

    def __init__(self, *args, handlers=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["handler"].queryset = handlers if handlers is not None else get_user_model().objects.none()
        self.fields["handler"].label_from_instance = person_name


class CorrectionForm(ActionForm):
    items = forms.CharField(label=gettext_lazy("需要补正的事项"), max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    days = forms.IntegerField(label=gettext_lazy("补正期限（工作日）"), min_value=1, max_value=60, initial=15)


class ConsultationForm(ActionForm):
    consultation_kind = forms.ChoiceField(label=gettext_lazy("征求意见类型"), choices=ConsultationKind.choices)
    consultee = forms.CharField(label=gettext_lazy("第三方或机关名称"), max_length=120)


class ConsultationEndForm(ActionForm):
    reply = forms.ChoiceField(label=gettext_lazy("意见"), choices=[
        ("agree", gettext_lazy("同意公开")), ("refuse", gettext_lazy("不同意公开")),
        ("replied", gettext_lazy("提出其他意见")), ("silent", gettext_lazy("逾期未提出意见"))])


class ExtendForm(ActionForm):
    workdays = forms.IntegerField(label=gettext_lazy("延长工作日数"), min_value=1, max_value=20, initial=20)


class DelayForm(ActionForm):
    until = forms.DateField(label=gettext_lazy("延迟答复期限"), widget=DATE_WIDGET,
                            help_text=gettext_lazy("条例第三十五条：申请数量、频次明显超过合理范围，申请人说明的理由合理，"
                                                   "但无法在法定期限内答复的，可以确定合理的延迟答复期限"))


class FeeForm(ActionForm):
    fee_method = forms.ChoiceField(label=gettext_lazy("收费方式"), choices=FeeMethod.choices)
    pages = forms.IntegerField(label=gettext_lazy("页数（按量计收）"), min_value=0, required=False)
    notice_received_date = forms.DateField(label=gettext_lazy("申请人收到通知日期"), required=False,
                                           widget=DATE_WIDGET, help_text=gettext_lazy("留空为发出日期"))
    payment_method = forms.CharField(label=gettext_lazy("缴费方式"), max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fee_method") == FeeMethod.PER_ITEM and cleaned.get("pages"):
            raise forms.ValidationError(_("按件计收与按量计收不得同时适用。"))
        if cleaned.get("fee_method") == FeeMethod.PER_PAGE and not cleaned.get("pages"):
            self.add_error("pages", _("按量计收请填写页数。"))
        if not cleaned.get("notice_received_date"):
            cleaned["notice_received_date"] = cleaned.get("date")
        return cleaned

    def params(self):
        params = super().params()
        if params.get("notice_received_date") is None:
            params.pop("notice_received_date", None)
        return params


ANSWER_OUTCOMES = [(v, l) for v, l in Outcome.choices if v not in (Outcome.OTHER_1, Outcome.OTHER_2)]


class AnswerForm(ActionForm):
    outcome = forms.ChoiceField(label=gettext_lazy("办理结果"), choices=ANSWER_OUTCOMES)
    legal_basis = forms.CharField(label=gettext_lazy("法律依据（留空使用默认）"), required=False, max_length=500)
    reply_text = forms.CharField(label=gettext_lazy("答复内容"), required=False, max_length=10000,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    withheld_note = forms.CharField(label=gettext_lazy("不予公开部分及理由（部分公开必填）"), required=False,
                                    max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class DeliverForm(ActionForm):
    delivery_method = forms.ChoiceField(label=gettext_lazy("送达方式"), choices=Delivery.choices)
    delivery_proof = forms.CharField(label=gettext_lazy("送达凭证（如邮件号、签收人）"), max_length=200, required=False)


ACTION_FORMS = {
    "assign": AssignForm, "request_correction": CorrectionForm, "start_consultation": ConsultationForm,
    "end_consultation": ConsultationEndForm, "extend": ExtendForm, "delay": DelayForm, "notify_fee": FeeForm,
    "answer": AnswerForm, "deliver": DeliverForm,
}


def action_form_class(action: str):
    return ACTION_FORMS.get(action, ActionForm)


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=AppealKind.choices)
    filed_date = forms.DateField(label=gettext_lazy("申请或起诉日期"), widget=DATE_WIDGET)
    body = forms.CharField(label=gettext_lazy("复议机关或法院"), max_length=120, required=False)
    reference = forms.CharField(label=gettext_lazy("案号"), max_length=80, required=False)
    result = forms.ChoiceField(label=gettext_lazy("结果"), choices=AppealResult.choices, initial=AppealResult.PENDING)
    decided_date = forms.DateField(label=gettext_lazy("审结日期"), required=False, widget=DATE_WIDGET)


class AppealUpdateForm(forms.Form):
    result = forms.ChoiceField(label=gettext_lazy("结果"), choices=AppealResult.choices)
    decided_date = forms.DateField(label=gettext_lazy("审结日期"), required=False, widget=DATE_WIDGET)
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=1000)


class PublishForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("文件名称"), max_length=300)
    body_html = forms.CharField(label=gettext_lazy("正文"), required=False, widget=forms.Textarea(attrs={"rows": 6}))


class TemplateUploadForm(forms.Form):
    key = forms.ChoiceField(label=gettext_lazy("文书"), choices=[])
    file = forms.FileField(label=gettext_lazy("模板文件（.docx）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import NoticeKind

        choices = list(NoticeKind.choices) + [(f"reply_{v}", _("答复书：%(o)s") % {"o": l}) for v, l in Outcome.choices]
        self.fields["key"].choices = choices
