"""Wording of the notices: the applicant addressed as a person (您) or an organisation (贵单位),
punctuation that never doubles (no "。。"), and the paragraph saying how the information is delivered."""
import re

from django.utils.translation import gettext as _

from .models import ApplicantKind, Delivery, Outcome

END = "。！？；：…”）)"
_TRAILING = re.compile(r"[\s。．.，,；;、]+$")
_DOUBLED = re.compile(r"([。；，！？])(?:\s*[。；，])+")


def you(case) -> str:
    """您 for a natural person, 贵单位 for a 法人或其他组织."""
    return _("您") if case.applicant_kind == ApplicantKind.NATURAL_PERSON else _("贵单位")


def for_applicant(text: str, case) -> str:
    """Standard wording written for a person (您), addressed to this applicant."""
    return text if case.applicant_kind == ApplicantKind.NATURAL_PERSON else text.replace("您", you(case))


def clause(text: str) -> str:
    """Text the template continues with its own punctuation: trailing punctuation removed."""
    return _TRAILING.sub("", (text or "").strip())


def paragraph(text: str) -> str:
    """A paragraph of staff text: ends with one full stop (or its own closing mark)."""
    text = (text or "").strip()
    if not text:
        return ""
    text = _DOUBLED.sub(r"\1", text)
    return text if text[-1] in END else clause(text) + "。"


def tidy(context: dict) -> dict:
    """Collapse doubled punctuation in every text value (a typed "。" meeting the template's own)."""
    return {k: _DOUBLED.sub(r"\1", v) if isinstance(v, str) else v for k, v in context.items()}


def attachments_line(files) -> str:
    parts = []
    for i, f in enumerate(files, 1):
        mark = _("（已作区分处理）") if f.redacted else ""
        parts.append(f"{i}．{f.name}{mark}")
    return "；".join(parts)


def delivery(case) -> dict:
    """For 予以公开 / 部分公开: how the information reaches the applicant, and the 附件 line."""
    if case.outcome not in (Outcome.GRANTED, Outcome.PARTIAL):
        return {}
    files = list(case.disclosed_files.all())
    n, y = len(files), you(case)
    where = case.agency.office_address or case.agency.office_name or case.agency.name
    track = _("%(y)s也可以凭申请编号和查询码在本机关门户网站“依申请公开”查询页面下载。") % {"y": y}
    from .disclosure import email_attach_max_bytes

    fits = sum(f.size for f in files) <= email_attach_max_bytes()
    if files and case.delivery == Delivery.EMAIL and fits:
        text = (_("本机关向%(y)s提供的信息共%(n)d件（见附件），随本答复书发送至%(y)s预留的电子邮箱。") % {"y": y, "n": n}
                + track)
    elif files and case.delivery in (Delivery.ONLINE, Delivery.EMAIL):
        text = _("本机关向%(y)s提供的信息共%(n)d件（见附件），%(y)s可以凭申请编号和查询码在本机关门户网站"
                 "“依申请公开”查询页面查看和下载。") % {"y": y, "n": n}
    elif case.delivery == Delivery.POST:
        text = _("本机关将上述信息邮寄至%(y)s提供的通信地址。") % {"y": y}
    elif case.delivery == Delivery.PICKUP:
        text = _("请%(y)s携带身份证明，于工作时间到%(where)s领取上述信息。") % {"y": y, "where": where}
    elif case.delivery == Delivery.FAX:
        text = _("本机关将以传真方式向%(y)s提供上述信息。") % {"y": y}
    else:
        text = _("本机关将按%(y)s选择的方式（%(way)s）提供上述信息。") % {"y": y, "way": case.get_delivery_display()}
    return {"delivery_text": text, "attachments": attachments_line(files)}
