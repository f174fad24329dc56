"""Demo 本级标准目录 of 示范县青石镇: compiled from three areas' templates (救灾, 户籍管理 and 社会救助
adopted; where a source lost 公开方式 and 公开对象 the township states them), one local 事项, a few
bound demo documents — one published late on the working-day calendar, several 事项 still missing.
Written for the demo. Idempotent: nothing happens when the township already has a list."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Category
from gongkai.catalog.services import document_create, document_transition

from .models import Audience, LocalCatalog, Mode
from .services import (binding_add, entries_adopt, entry_add, entry_update, local_catalog_create,
                       local_catalog_transition)


def _doc(town, title, written, published):
    document = document_create(agency=town, actor=None, title=f"{title}（演示数据）", written_date=written,
                               publish_date=published, category=Category.WORK, is_generated=True,
                               publisher_name=town.name, body_html=f"<p>{title}。本文为演示数据。</p>")
    document_transition(document=document, action="submit", actor=None)
    return document_transition(document=document, action="publish", actor=None)


def load(*, stdout):
    town = Agency.objects.filter(slug="qingshi").first()
    if town is None or LocalCatalog.objects.filter(agency=town).exists():
        return
    today = timezone.localdate()
    with transaction.atomic():
        catalog = local_catalog_create(agency=town, actor=None)
        jiuzai = entries_adopt(catalog=catalog, actor=None, area_slug="jiuzai")
        for entry in jiuzai:
            if not entry.mode:
                entry_update(entry=entry, actor=None, mode=Mode.ACTIVE, audience=Audience.PUBLIC, levels=["乡级"])
        for slug in ("huji-guanli", "shehui-jiuzhu"):
            for entry in entries_adopt(catalog=catalog, actor=None, area_slug=slug):
                entry_update(entry=entry, actor=None, mode=Mode.ACTIVE, audience=Audience.PUBLIC,
                             levels=["乡级"], subject_text=("青石派出所" if slug == "huji-guanli"
                                                           else "青石镇人民政府（社会事务办）"))
        local = entry_add(catalog=catalog, actor=None, area_slug="jiuzai", level1="备灾管理", level2="避险转移安置点",
                          content="本镇汛期避险转移安置点位置、容量和联系人", time_limit="每年5月底前",
                          mode=Mode.ACTIVE, audience=Audience.PUBLIC, levels=["乡级"], subject_text="青石镇人民政府")
        local_catalog_transition(catalog=catalog, action="submit", actor=None)
        catalog.refresh_from_db()
        document_transition(document=catalog.document, action="publish", actor=None)
        local_catalog_transition(catalog=catalog, action="publish", actor=None)

        base = max(today - dt.timedelta(days=90), today.replace(month=1, day=1))
        bindings = [
            (jiuzai[0], "青石镇转发《自然灾害救助条例》等救灾法规的通知", base, base + dt.timedelta(days=3)),
            (jiuzai[2], "青石镇汛期灾害损失情况通报", base + dt.timedelta(days=10), base + dt.timedelta(days=50)),
            (local, "青石镇汛期避险转移安置点公告", today.replace(month=1, day=1) + dt.timedelta(days=100),
             today.replace(month=1, day=1) + dt.timedelta(days=110)),
        ]
        entries = list(catalog.entries.order_by("position"))
        huji_first = next(e for e in entries if e.area_slug == "huji-guanli")
        bindings.append((huji_first, "青石派出所出生登记办事指引", base + dt.timedelta(days=5),
                         base + dt.timedelta(days=7)))
        for entry, title, written, published in bindings:
            if published > today:
                published = today
            binding_add(entry=entry, document=_doc(town, title, written, published), actor=None)
    stdout.write(_("基层政务公开标准目录演示：青石镇本级目录 %(n)d 项（救灾、户籍管理、社会救助）")
                 % {"n": catalog.entries.count()})
