"""Demo 政务新媒体 accounts of 示范市 (names written for the demo, marked 演示数据): four open accounts,
one still 申请开设, and one 微博 account silent for more than two weeks (flagged stale). Each QR code
is generated (segno) from a demo address. Idempotent: nothing is created when accounts exist."""
import datetime as dt
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency

from .models import Account, Platform
from .services import account_create, account_post_date_set, account_transition

# (agency slug, platform, name, account id, days since the latest post; None: still applied)
ACCOUNTS = [
    ("city", Platform.WECHAT, "示范市发布（演示数据）", "shifanfabu_demo", 1),
    ("city", Platform.WEIBO, "示范市政务微博（演示数据）", "5012345678", 23),
    ("city", Platform.APP, "示范市民通客户端（演示数据）", "com.example.shifan", 3),
    ("edu", Platform.WECHAT, "示范教育（演示数据）", "shifanjiaoyu_demo", 5),
    ("edu", Platform.DOUYIN, "示范市教育局抖音号（演示数据）", "sfjy2026demo", None),
]


def demo_qr_png(text: str) -> bytes:
    """A real QR code (segno) of a demo address; the real accounts' codes are uploaded by staff."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def load(*, stdout):
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in={row[0] for row in ACCOUNTS})}
    if len(agencies) < 2 or Account.objects.filter(name__endswith="（演示数据）").exists():
        return
    today = timezone.localdate()
    with transaction.atomic():
        for slug, platform, name, account_id, days in ACCOUNTS:
            account = account_create(agency=agencies[slug], actor=None, platform=platform, name=name,
                                     account_id=account_id, operator_name="王运维", operator_phone="0570-0000000",
                                     qr=(f"{account_id}.png", demo_qr_png(f"https://example.gov.cn/demo/{account_id}")))
            if days is None:
                continue
            account_transition(account=account, action="open", actor=None, date=today - dt.timedelta(days=400))
            account_transition(account=account, action="file", actor=None, filing_no=f"示范网信备{account.pk:04d}号",
                               date=today - dt.timedelta(days=390))
            account_post_date_set(account=account, actor=None, date=today - dt.timedelta(days=days))
    stdout.write(_("政务新媒体演示：账号 %(n)d 个（1 个超过两周未更新）") % {"n": len(ACCOUNTS)})
