"""Load the demo once: agencies of 示范市, a user per role, the seed documents, generated documents;
then every app's own `demo.load(stdout=...)`.

The core load runs in one transaction and ends with a `demo.load` audit row, which is how later runs
know the demo is already there. Each app's `load` is idempotent and runs on every call.
"""
import datetime as dt
import importlib
import importlib.util
import os
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.codes import org_code_check_char, uscc_check_char
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.audit.models import AuditEntry
from gongkai.audit.services import audit_record
from gongkai.catalog.importing.services import CATCH_ALL_NAME, CATCH_ALL_SLUG, document_import
from gongkai.catalog.models import Category, Subject
from gongkai.catalog.services import document_transition, document_update
from gongkai.core.errors import UserFacingError

from . import vocabulary as v
from .generated import Generator

DEMO_ACTION = "demo.load"
LOCAL_SUBJECT = "政府工作"

# prefix, name to import under (None: the file's own), agency slug (None: match 发布机构),
# publish, fields set before publishing (seeds without dates or a title of their own)
SEEDS = [
    ("004", None, "office", True, {}),
    ("001", "示范县青石镇2020年政务公开工作要点.txt", "qingshi", True,
     {"written_date": dt.date(2020, 4, 20), "publish_date": dt.date(2020, 4, 24)}),
    ("000", "示范市2019年政务公开工作要点任务分解表.txt", "office", True,
     {"written_date": dt.date(2019, 3, 28), "publish_date": dt.date(2019, 4, 2), "category": Category.WORK}),
    ("002", None, None, False, {}),
    # A province's report kept as a sample of injected spam: not the city's, so under 其他机构 with
    # its own 发布机构 recorded.
    ("003", None, CATCH_ALL_SLUG, False, {"publisher_name": "安徽省人民政府"}),
]
# Text lost when the seed pages were captured leaves a sentence's tail behind, e.g. ")和《…》要求":
# a closing bracket with no opening one before it in the paragraph.
_CUT_TAIL_RE = re.compile(r"(<p[^>]*>)([^<()（）]*?)[)）]")


_NUMBERING = set("0123456789一二三四五六七八九十abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def seed_cut_sentences_mark(html: str) -> str:
    """Mark where a seed's sentence lost its beginning: the dangling closing bracket becomes "……"
    (a numbering such as "1)" or "一）" is left alone)."""
    def mark(match):
        before = match.group(2)
        if before.strip() and before.strip()[-1] in _NUMBERING:
            return match.group(0)
        return match.group(1) + before + "……"

    return _CUT_TAIL_RE.sub(mark, html or "")


def demo_is_loaded() -> bool:
    return AuditEntry.objects.filter(action=DEMO_ACTION).exists()


def demo_codes(number: int):
    """A valid (组织机构代码, 统一社会信用代码) pair for demo agency `number` (fictional codes)."""
    body = f"{v.REGION_CODE[:2]}{number:06d}"
    org = body + org_code_check_char(body)
    uscc_body = "11" + v.REGION_CODE + org
    return org, uscc_body + uscc_check_char(uscc_body)


def demo_agencies_ensure() -> dict:
    """Create (or find) the agency tree of 示范市; return it by slug."""
    agencies = {}
    for number, (slug, name, short, kind, level, parent, _code, aliases) in enumerate(v.AGENCIES, start=1):
        org, uscc = demo_codes(number)
        street = v.STREETS[(number - 1) % len(v.STREETS)]
        agency, created = Agency.objects.get_or_create(slug=slug, defaults={
            "name": name, "short_name": short, "kind": kind, "level": level,
            "parent": agencies.get(parent), "uscc": uscc, "org_code": org, "aliases": aliases,
            "sort_order": number,
            "index_code": v.SEED_004_INDEX_CODE if slug == "office" else "",
            "office_name": v.OFFICE_NAMES.get(slug, f"{name}办公室"),
            "office_address": f"{v.CITY}{street}{number * 3 + 1}号" if level != "township"
            else f"示范县青石镇{street}{number}号",
            "office_hours": "工作日上午8:30—12:00，下午14:00—17:30（法定节假日除外）",
            "office_phone": f"0999-8{number:02d}00000",
            "office_fax": f"0999-8{number:02d}00001",
            "office_email": f"xxgk-{slug}@example.gov.cn",
            "postal_code": "999000" if level == "city" else "999100",
        })
        if created:
            agency.full_clean()
            audit_record(actor=None, action="agency.create", obj=agency, data={"name": name, "demo": True})
        agencies[slug] = agency
    catch_all, created = Agency.objects.get_or_create(slug=CATCH_ALL_SLUG, defaults={
        "name": CATCH_ALL_NAME, "kind": Agency.Kind.OTHER, "level": Agency.Level.CITY,
        "parent": agencies["city"], "is_catch_all": True, "sort_order": 99,
    })
    if created:
        audit_record(actor=None, action="agency.create", obj=catch_all, data={"name": CATCH_ALL_NAME, "demo": True})
    agencies[CATCH_ALL_SLUG] = catch_all
    return agencies


def demo_users_ensure(*, agencies) -> list:
    """Create one user per role; return [(username, display name, role label, password)] for new ones."""
    User = get_user_model()
    missing = [row for row in v.USERS if not User.objects.filter(username=row[0]).exists()]
    passwords = [secrets.token_urlsafe(12) for _row in missing]
    # PBKDF2 releases the GIL: hash the passwords side by side instead of one after another.
    with ThreadPoolExecutor(max_workers=max(1, min(len(missing), os.cpu_count() or 1))) as pool:
        hashes = list(pool.map(make_password, passwords))
    created_users = []
    for (username, display, role, slug), password, hashed in zip(missing, passwords, hashes):
        user = User(username=username, first_name=display, email=f"{username}@example.gov.cn",
                    is_superuser=role == Role.ADMIN, is_staff=role == Role.ADMIN, password=hashed)
        user.save()
        Membership.objects.get_or_create(user=user, agency=agencies[slug], role=role)
        audit_record(actor=None, action="user.create", obj=user,
                     data={"username": username, "role": role, "agency": slug, "demo": True})
        created_users.append((username, display, Role(role).label, password))
    return created_users


def demo_subjects_ensure():
    subject, created = Subject.objects.get_or_create(
        name=LOCAL_SUBJECT, parent=None, defaults={"is_local": True, "sort_order": 1000})
    return subject


def _publish(document):
    with transaction.atomic():
        document_transition(document=document, action="submit", actor=None)
        return document_transition(document=document, action="publish", actor=None)


def demo_seeds_import(*, agencies, seeds_dir, write) -> list:
    """Import seeds 000–004 through the importer; return the resulting documents."""
    folder = Path(seeds_dir) if seeds_dir else None
    if folder is None or not folder.is_dir():
        write(_("未找到种子文件目录 %(dir)s，跳过种子文件。") % {"dir": seeds_dir})
        return []
    policy = Subject.objects.filter(name="政务公开", parent__name="综合政务").first()
    documents = []
    for prefix, name, slug, publish, updates in SEEDS:
        files = sorted(folder.glob(f"{prefix}_*.txt"))
        if not files:
            write(_("种子文件 %(prefix)s 不存在，跳过。") % {"prefix": prefix})
            continue
        path = files[0]
        result = document_import(name=name or path.name, data=path.read_bytes(),
                                 agency=agencies.get(slug) if slug else None, actor=None,
                                 publish=publish and not updates)
        if not result.ok:
            write(_("种子文件 %(file)s：%(error)s") % {"file": path.name, "error": result.error})
            if result.document is not None:
                documents.append(result.document)
            continue
        document = result.document
        fields = dict(updates)
        body = seed_cut_sentences_mark(document.body_html)
        if body != document.body_html:
            fields["body_html"] = body
        if document.source_name != path.name:
            fields["source_name"] = path.name  # the seed file, whatever name gave the title
        if document.title_pending and name:
            fields["title_pending"] = False  # the title given here (SEEDS) is the demo's own choice
        if document.subject_id is None and not document.subject_label and policy is not None:
            fields["subject"] = policy
        if fields:
            document = document_update(document=document, actor=None, **fields)
        note = result.warning
        if publish and updates:
            try:
                document = _publish(document)
            except UserFacingError as exc:
                note = _("未能发布，已保存为草稿：%(reason)s") % {"reason": exc.message}
        write(_("种子文件 %(file)s → 《%(title)s》（%(agency)s，%(status)s%(no)s）%(note)s")
              % {"file": path.name, "title": document.title, "agency": document.agency.name,
                 "status": document.get_status_display(),
                 "no": "，索引号 " + document.index_no if document.index_no else "",
                 "note": ("：" + note) if note else ""})
        documents.append(document)
    return documents


def demo_passwords_write(users) -> Path:
    path = Path(settings.VAR_DIR) / "demo-passwords.txt"
    lines = [_("# gongkai 演示账号（首次加载演示数据时生成）")]
    lines += [f"{u}\t{label}\t{role}\t{pw}" for u, label, role, pw in users]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


def demo_app_modules():
    """The `demo` modules of installed gongkai apps that define `load`, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai.") or config.name == __package__:
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if callable(getattr(module, "load", None)):
            yield config.name, module


def demo_core_load(*, write, generated: int, seeds_dir) -> dict:
    """Agencies, users, seeds and generated documents, in one transaction; returns a summary."""
    started = time.monotonic()
    with transaction.atomic():
        agencies = demo_agencies_ensure()
        users = demo_users_ensure(agencies=agencies)
        demo_subjects_ensure()
        seeds = demo_seeds_import(agencies=agencies, seeds_dir=seeds_dir, write=write)
        stats = Generator(agencies=agencies).run(generated) if generated > 0 else {}
        summary = {"agencies": len(agencies), "users": len(users), "seeds": len(seeds),
                   "generated": dict(stats), "seconds": round(time.monotonic() - started, 1)}
        audit_record(actor=None, action=DEMO_ACTION, object_type="demo", object_id="1", data=summary)
    return {"summary": summary, "users": users}
