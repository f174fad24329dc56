"""Import latest-post dates from a CSV export (columns 账号ID, 最新发布日期; optional 平台).

The file is UTF-8 (with or without BOM) or GBK/GB18030. Good rows are saved, each through
`account_post_date_set`; every bad row is refused with a Chinese message naming its line. An imported
date never moves an account's date backwards (an old export must not hide newer posts)."""
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.core.errors import UserFacingError
from gongkai.core.text import nfkc

from .models import Account, Platform, PostSource
from .services import account_post_date_set
from .transitions import EDIT_ROLES

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
ID_COLUMN, DATE_COLUMN, PLATFORM_COLUMN = "账号ID", "最新发布日期", "平台"
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")


@dataclass
class ImportResult:
    saved: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, Chinese message)


def decode_csv(data: bytes) -> str:
    if not data:
        raise UserFacingError(_("文件为空。"))
    if len(data) > MAX_IMPORT_BYTES:
        raise UserFacingError(_("文件过大：CSV 最大 5 MB。"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise UserFacingError(_("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。"))


def parse_date(value: str) -> dt.date:
    match = _DATE_RE.match(nfkc(value or "").strip())
    if not match:
        raise ValueError
    return dt.date(*(int(g) for g in match.groups()))


def _platform(value: str):
    value = nfkc(value or "").strip()
    if not value:
        return None
    for key, label in Platform.choices:
        if value in (key, str(label)):
            return key
    raise UserFacingError(_("平台“%(p)s”无法识别。") % {"p": value})


def post_dates_import(*, actor, data: bytes) -> ImportResult:
    """Read the CSV and save every good row; bad rows are listed, never half-saved."""
    text = decode_csv(data)
    reader = csv.DictReader(io.StringIO(text))
    headers = [nfkc(h or "").strip() for h in (reader.fieldnames or [])]
    if ID_COLUMN not in headers or DATE_COLUMN not in headers:
        raise UserFacingError(_("CSV 首行须包含“账号ID”和“最新发布日期”两列。"))
    reader.fieldnames = headers
    allowed = agency_ids_for_user(user=actor, roles=EDIT_ROLES) if actor is not None else None
    result = ImportResult()
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            result.errors.append((number, _("超过 %(n)d 行，其余未导入。") % {"n": MAX_ROWS}))
            break
        try:
            _import_row(row, actor=actor, allowed=allowed, result=result)
        except UserFacingError as exc:
            result.errors.append((number, exc.message))
    return result


def _import_row(row, *, actor, allowed, result):
    account_id = nfkc(row.get(ID_COLUMN) or "").strip()
    raw_date = (row.get(DATE_COLUMN) or "").strip()
    if not account_id and not raw_date:
        return
    if not account_id:
        raise UserFacingError(_("账号ID为空。"))
    try:
        date = parse_date(raw_date)
    except ValueError:
        raise UserFacingError(_("日期“%(d)s”无法识别，请使用 2026-01-31 的格式。") % {"d": raw_date}) from None
    accounts = Account.objects.filter(account_id=account_id).exclude(status="closed")
    platform = _platform(row.get(PLATFORM_COLUMN))
    if platform:
        accounts = accounts.filter(platform=platform)
    if allowed is not None:
        accounts = accounts.filter(agency_id__in=allowed)
    accounts = list(accounts[:2])
    if not accounts:
        raise UserFacingError(_("未找到您可维护的账号“%(id)s”（已注销的账号不导入）。") % {"id": account_id})
    if len(accounts) > 1:
        raise UserFacingError(_("账号ID“%(id)s”在多个平台登记，请在“平台”列注明。") % {"id": account_id})
    account = accounts[0]
    if account.latest_post_date and account.latest_post_date >= date:
        result.unchanged += 1
        return
    account_post_date_set(account=account, actor=actor, date=date, source=PostSource.IMPORTED)
    result.saved += 1
