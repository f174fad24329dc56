"""Recovering a lost 查询码: only its hash is stored, so a new code is issued and sent to the e-mail
address or mobile number the application gave, never shown on the page.

`SMS_BACKEND` names a function `send(number, text)`; the default writes the message to the log (like
Django's console e-mail backend), so a deployment without an SMS gateway still works end to end.
"""
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from gongkai.audit.services import audit_record
from gongkai.core.querycode import query_code_hash, query_code_new
from gongkai.core.text import nfkc

from .models import Case
from .validators import phone_normalize

logger = logging.getLogger(__name__)


def sms_send(number: str, text: str) -> None:
    """Send a text message through SMS_BACKEND (default: log it)."""
    backend = getattr(settings, "SMS_BACKEND", "")
    if backend:
        import_string(backend)(number, text)
    else:
        logger.warning("SMS to %s: %s", number, text)


def _matches(case, contact: str) -> str:
    """"email" or "phone" when `contact` is what the case gave, else ""."""
    value = nfkc(contact or "").strip()
    if "@" in value:
        return "email" if case.email and case.email.strip().lower() == value.lower() else ""
    phone = phone_normalize(value)
    return "phone" if phone and case.phone and phone_normalize(case.phone) == phone else ""


def case_query_code_resend(*, tracking_no: str, contact: str) -> bool:
    """Issue a new query code for the case `tracking_no` and send it to `contact` when that is the
    case's e-mail address or phone number. Returns whether it was sent; callers show the same
    message either way, so the page reveals nothing about cases or their contacts."""
    number = nfkc(tracking_no or "").strip().upper()
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(tracking_no=number).first()
        channel = _matches(case, contact) if case is not None else ""
        if not channel:
            return False
        code = query_code_new()
        case.query_code_hash = query_code_hash(code)
        case.save(update_fields=["query_code_hash"])
        audit_record(actor=None, action="foi.query_code_resend", obj=case, data={"channel": channel})
        text = _("您的政府信息公开申请（编号 %(no)s）的新查询码是 %(code)s。原查询码已失效。凭申请编号和查询码可在网站查询办理进度、下载文书。") % {
            "no": case.tracking_no, "code": code}
        address = case.email if channel == "email" else case.phone

        def send():
            if channel == "email":
                send_mail(subject=_("【依申请公开】查询码"), message=text, from_email=None,
                          recipient_list=[address], fail_silently=True)
            else:
                sms_send(address, text)

        transaction.on_commit(send)
    return True
