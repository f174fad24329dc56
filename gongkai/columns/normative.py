"""规范性文件库: validity follows the dates, reminders before the 失效日期, 统一登记号, and the yearly
现行有效规范性文件目录 (清理结果) written into the catalog.

The rule: a published document whose 失效日期 (catalog `expiry_date`) is on or before today's date in
Beijing is 已失效, whatever was recorded before (有效, 已修改 or nothing). It is applied
- by the daily beat task (`gongkai.columns.expiry_apply`),
- when a document is published (`receivers.py`: one published with a past 失效日期 expires at once),
- on read, at most once per Beijing day per cache (`expiry_apply_today`): the public pages of this
  app and the portal's document page call it, so the rule holds in the embedded default without beat.
Each expiry goes through `catalog.services.document_validity_change` (audited, search and page cache
follow)."""
import datetime as dt
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.agencies.models import Membership
from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category, Disclosure, Document, Genre, Status, Validity
from gongkai.catalog.services import document_generated_submit, document_validity_change
from gongkai.core.errors import UserFacingError
from gongkai.core.text import nfkc

from .models import ExpiryReminder, NormativeDirectory, NormativeEntry
from .transitions import DIRECTORY_ROLES, NORMATIVE_ROLES

logger = logging.getLogger(__name__)

NORMATIVE_CATEGORIES = (Category.REGULATION, Category.NORMATIVE)
EXPIRING = (Validity.NONE, Validity.VALID, Validity.AMENDED)
REMIND_DAYS = 30
SWEEP_BATCH = 500
ON_READ_LIMIT = 50


def expired_due_q(today: dt.date) -> Q:
    return Q(status=Status.PUBLISHED, expiry_date__isnull=False, expiry_date__lte=today, validity__in=EXPIRING)


def _expire_one(pk: int, today: dt.date) -> bool:
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(expired_due_q(today), pk=pk).first()
        if document is None:  # changed meanwhile (another sweep, an edit)
            return False
        document_validity_change(
            document=document, validity=Validity.EXPIRED, actor=None, date=document.expiry_date,
            reason=_("失效日期（%(d)s）已到，自动失效") % {"d": document.expiry_date.isoformat()})
        return True


def expiry_apply(*, today: dt.date | None = None, limit: int | None = None) -> int:
    """Mark 已失效 every published document whose 失效日期 has come (Beijing date); at most `limit`
    when given. Returns how many."""
    today = today or timezone.localdate()
    done = 0
    while limit is None or done < limit:
        size = SWEEP_BATCH if limit is None else min(SWEEP_BATCH, limit - done)
        ids = list(Document.objects.filter(expired_due_q(today)).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            break
        done += sum(_expire_one(pk, today) for pk in ids)
    return done


def expiry_apply_today() -> int:
    """`expiry_apply` for pages that read validity: once per Beijing day (per cache), at most
    ON_READ_LIMIT documents per request; a larger backlog (a freshly imported legacy catalog) is
    continued by the next reads and the daily task."""
    today = timezone.localdate()
    key = f"columns:expiry:{today.isoformat()}"
    try:
        claimed = cache.add(key, 1, 2 * 86400)
    except Exception:  # the cache (Redis) is down: pages still serve; the daily task applies the dates
        logger.warning("expiry sweep on read skipped: cache unavailable")
        return 0
    try:
        if not claimed:
            return 0
        done = expiry_apply(today=today, limit=ON_READ_LIMIT)
        if done >= ON_READ_LIMIT:
            cache.delete(key)  # more may be due: the next read continues
        return done
    except DatabaseError:
        try:
            cache.delete(key)
        except Exception:
            pass
        logger.exception("expiry sweep failed; retried on the next read")
        return 0


def validity_on(document, day: dt.date) -> str:
    """The validity a reader should see on `day`: the stored one, 已失效 once the date has come, and
    "尚未施行" (not yet in force) before the 实施日期."""
    if document.validity in EXPIRING and document.expiry_date and document.expiry_date <= day:
        return str(Validity.EXPIRED.label)
    if document.effective_date and document.effective_date > day and document.validity in EXPIRING:
        return _("尚未施行")
    return document.get_validity_display() if document.validity else _("有效")


# ---- reminders ------------------------------------------------------------------------------------

def _owners(document) -> list:
    """Whom to remind: the recorded 责任人, else the document's author while they still work for its
    agency, else the agency's reviewers and administrators."""
    entry = NormativeEntry.objects.filter(document=document).select_related("owner").first()
    if entry and entry.owner and entry.owner.is_active:
        return [entry.owner]
    if document.created_by_id and document.created_by.is_active and Membership.objects.filter(
            user_id=document.created_by_id, agency_id=document.agency_id).exists():
        return [document.created_by]
    members = Membership.objects.filter(agency_id=document.agency_id, role__in=["reviewer", "admin", "office"],
                                        user__is_active=True).select_related("user")
    if not members:  # the 公开办 and administrators above, who see this agency's subtree
        ancestors = [int(x) for x in document.agency.path.strip("/").split("/") if x.isdigit()]
        members = Membership.objects.filter(agency_id__in=ancestors, role__in=["admin", "office"],
                                            user__is_active=True).select_related("user")
    return sorted({m.user for m in members}, key=lambda u: u.pk)


def reminders_due(*, today: dt.date):
    """Published documents that will expire within REMIND_DAYS (after today, on or before today + 30)."""
    return (Document.objects.filter(status=Status.PUBLISHED, validity__in=EXPIRING, expiry_date__gt=today,
                                    expiry_date__lte=today + dt.timedelta(days=REMIND_DAYS))
            .select_related("agency", "created_by").order_by("expiry_date", "pk"))


def reminders_send(*, today: dt.date | None = None) -> int:
    """Create (and e-mail once) a reminder per owner for every document within 30 days of its
    失效日期. Safe to run repeatedly: one reminder per (document, 失效日期, user)."""
    today = today or timezone.localdate()
    created = 0
    for document in reminders_due(today=today):
        for user in _owners(document):
            try:
                with transaction.atomic():
                    reminder = ExpiryReminder.objects.create(document=document, user=user,
                                                             expiry_date=document.expiry_date, created_on=today)
                    audit_record(actor=None, action="normative.remind", obj=document,
                                 data={"user": user.pk, "expiry_date": document.expiry_date.isoformat()})
            except IntegrityError:
                continue  # reminded already
            created += 1
            if user.email:
                days = (document.expiry_date - today).days
                send_mail(_("规范性文件即将失效提醒"),
                          _("《%(t)s》将于 %(d)s 失效（还有 %(n)s 天）。如需继续施行，请及时组织评估并修订或重新发布。")
                          % {"t": document.title, "d": document.expiry_date.isoformat(), "n": days},
                          settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=True)
                ExpiryReminder.objects.filter(pk=reminder.pk).update(emailed=True)
    return created


def reminders_for_user(*, user):
    """The user's reminders still standing: the document still has that 失效日期 and has not expired."""
    return (ExpiryReminder.objects.filter(user=user, document__validity__in=EXPIRING,
                                          document__expiry_date=F("expiry_date"))
            .select_related("document", "document__agency"))


# ---- 统一登记号 -----------------------------------------------------------------------------------

@transaction.atomic
def normative_register(*, document, actor, registration_no: str = "", owner=None) -> NormativeEntry:
    """Record a normative document's 统一登记号 (unique across the site) and its 责任人."""
    document = Document.objects.select_for_update().select_related("agency").get(pk=document.pk)
    role_require(user=actor, agency=document.agency, roles=NORMATIVE_ROLES)
    if document.category not in NORMATIVE_CATEGORIES:
        raise UserFacingError(_("只有规章和行政规范性文件可以登记统一登记号。"))
    number = nfkc(registration_no or "").strip().replace(" ", "") or None
    if number and len(number) > 60:
        raise UserFacingError(_("统一登记号不能超过60个字符。"))
    if number and NormativeEntry.objects.filter(registration_no=number).exclude(document=document).exists():
        raise UserFacingError(_("统一登记号“%(no)s”已被其他文件使用。") % {"no": number})
    entry, _created = NormativeEntry.objects.get_or_create(document=document)
    before = {"registration_no": entry.registration_no, "owner": entry.owner_id}
    entry.registration_no = number
    entry.owner = owner
    entry.save()
    after = {"registration_no": entry.registration_no, "owner": entry.owner_id}
    if before != after:
        audit_record(actor=actor, action="normative.register", obj=document, data={"from": before, "to": after})
    return entry


def normative_register_imported(*, document, registration_no: str, actor=None) -> str:
    """Record the 统一登记号 an imported page carries (inside the import's transaction; the importer
    checked the actor's right to create the document). Returns a Chinese warning, or "" when recorded
    or when there is nothing to record: a number already used by another document is not taken."""
    number = nfkc(registration_no or "").strip().replace(" ", "")[:60]
    if not number or document.category not in NORMATIVE_CATEGORIES:
        return ""
    if NormativeEntry.objects.filter(registration_no=number).exclude(document=document).exists():
        return _("统一登记号“%(no)s”已被其他文件使用，未登记，请核对。") % {"no": number}
    NormativeEntry.objects.update_or_create(document=document, defaults={"registration_no": number})
    audit_record(actor=actor, action="normative.register", obj=document,
                 data={"from": None, "to": {"registration_no": number}, "source": "import"})
    return ""


# ---- 现行有效规范性文件目录 ---------------------------------------------------------------------------

def in_force_q(day: dt.date) -> Q:
    """In force on `day` by the dates and the recorded 立改废: published, in force from its 实施日期, not
    past its 失效日期, not abolished (an abolition sets the 失效日期 to the abolishing date)."""
    return (Q(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE)
            & (Q(effective_date__isnull=True) | Q(effective_date__lte=day))
            & (Q(publish_date__isnull=True) | Q(publish_date__lte=day))
            & (Q(expiry_date__isnull=True) | Q(expiry_date__gt=day))
            & ~Q(validity__in=[Validity.ABOLISHED, Validity.EXPIRED], expiry_date__isnull=True))


def directory_documents(*, agency, day: dt.date):
    """The 行政规范性文件 of `agency` (its own, not its departments') in force on `day`, oldest first."""
    return (Document.objects.filter(in_force_q(day), agency=agency, category=Category.NORMATIVE)
            .order_by("publish_date", "pk"))


def directory_as_of(year: int, today: dt.date) -> dt.date:
    """A past year's list is as of 31 December; the current year's as of today."""
    end = dt.date(year, 12, 31)
    return min(end, today)


def directory_html(*, agency, year: int, day: dt.date, documents: list) -> str:
    numbers = dict(NormativeEntry.objects.filter(document__in=documents).values_list("document_id", "registration_no"))
    rows = []
    for i, d in enumerate(documents, start=1):
        note = _("已修改") if d.validity == Validity.AMENDED else ""
        cells = [str(i), escape(d.title), escape(d.doc_no or "—"), escape(numbers.get(d.pk) or "—"),
                 d.effective_date.isoformat() if d.effective_date else "—",
                 d.expiry_date.isoformat() if d.expiry_date else _("长期"), note]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    heads = [_("序号"), _("文件名称"), _("发文字号"), _("统一登记号"), _("实施日期"), _("失效日期"), _("备注")]
    intro = _("经清理，截至%(d)s，%(a)s现行有效的行政规范性文件共%(n)s件，目录如下。") % {
        "d": f"{day.year}年{day.month}月{day.day}日", "a": escape(agency.name), "n": len(documents)}
    return (f"<p>{intro}</p><table><thead><tr>" + "".join(f"<th>{h}</th>" for h in heads)
            + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


@transaction.atomic
def normative_directory_generate(*, agency, year: int, actor, today: dt.date | None = None) -> NormativeDirectory:
    """Write the agency's 现行有效规范性文件目录 for `year` into the catalog and submit it for review;
    regenerating the same year updates the draft (or, once published, a new draft replaces it)."""
    role_require(user=actor, agency=agency, roles=DIRECTORY_ROLES)
    today = today or timezone.localdate()
    if not 2000 <= int(year) <= today.year:
        raise UserFacingError(_("年度应在2000年至今年之间。"))
    expiry_apply(today=today)
    day = directory_as_of(int(year), today)
    documents = list(directory_documents(agency=agency, day=day))
    title = _("%(a)s%(y)s年现行有效行政规范性文件目录") % {"a": agency.name, "y": year}
    document = document_generated_submit(
        agency=agency, title=title, category=Category.OTHER, genre=Genre.OTHER,
        summary=_("截至%(d)s现行有效的行政规范性文件%(n)s件（清理结果）。") % {"d": day.isoformat(), "n": len(documents)},
        keywords=_("规范性文件清理"), written_date=today,
        body_html=directory_html(agency=agency, year=int(year), day=day, documents=documents))
    directory, _created = NormativeDirectory.objects.update_or_create(
        agency=agency, year=int(year), defaults={"as_of": day, "document": document, "count": len(documents)})
    audit_record(actor=actor, action="normative.directory", obj=directory, agency_id=agency.pk,
                 data={"year": int(year), "as_of": day.isoformat(), "count": len(documents), "document": document.pk})
    return directory
