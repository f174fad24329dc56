"""Demo part of the columns app (written for the demo, marked 演示数据): the statute's columns, the
机构概况 of four agencies (one left as a draft, so the console shows a profile to review), three
行政规范性文件 with 统一登记号 and dates (one already past its 失效日期, one expiring within 30 days,
one long-term), the reminders, and last year's 现行有效规范性文件目录 of the city, published.
Idempotent: profiles and documents are made only when none of the demo's exist."""
import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Category, Document, Genre, Status
from gongkai.catalog.services import document_create, document_transition

from .models import AgencyProfile, NormativeDirectory
from .normative import expiry_apply, normative_directory_generate, normative_register, reminders_send
from .services import columns_defaults_ensure, leader_add, profile_get_or_create, profile_transition, profile_update

HOURS = "周一至周五 上午8:30—12:00，下午14:00—17:30（法定节假日除外）"

PROFILES = [
    ("city", {"functions": "执行本级人民代表大会及其常务委员会的决议，以及上级国家行政机关的决定和命令；"
                           "规定行政措施，发布决定和命令；领导所属各工作部门和下级人民政府的工作。（演示数据）",
              "structure": "市人民政府办公室\n市教育局\n市财政局\n市卫生健康委员会\n市自然资源和规划局\n市市场监督管理局",
              "address": "示范市人民路1号（演示地址）", "hours": HOURS, "phone": "0000-12340000",
              "postal_code": "339900"},
     [("演示甲", "市长", "主持市政府全面工作。"), ("演示乙", "副市长", "负责教育、卫生健康方面工作。")], True),
    ("edu", {"functions": "贯彻执行教育方针政策；统筹管理全市各级各类教育；负责义务教育均衡发展和招生入学管理。（演示数据）",
             "structure": "办公室\n基础教育科\n学籍管理科\n安全稳定科",
             "address": "示范市文昌路18号（演示地址）", "hours": HOURS, "phone": "0000-12340100"},
     [("演示丙", "局长", "主持局全面工作。"), ("演示丁", "副局长", "分管基础教育、学籍管理。")], True),
    ("finance", {"functions": "拟订财政发展规划和政策；编制年度预决算草案并组织执行；管理政府采购和行政事业性收费。（演示数据）",
                 "structure": "办公室\n预算科\n国库科\n政府采购监督管理科",
                 "address": "示范市府前街6号（演示地址）", "hours": HOURS, "phone": "0000-12340200"},
     [("演示戊", "局长", "主持局全面工作。")], True),
    ("qingshi", {"functions": "执行本级人民代表大会的决议和上级国家行政机关的决定；管理本行政区域内的农业农村、社会救助等行政工作。（演示数据）",
                 "structure": "党政综合办公室\n经济发展办公室\n社会事务办公室",
                 "address": "示范县青石镇青石街9号（演示地址）", "hours": HOURS, "phone": "0000-12340300"},
     [("演示己", "镇长", "主持镇政府全面工作。")], False),
]

# title, 统一登记号, 实施日期 offset (days), 失效日期 offset (days; None: long-term)
NORMATIVE = [
    ("示范市校外培训机构管理办法（演示数据）", "SFSD-2024-0001", -700, None),
    ("示范市惠企资金直达管理暂行办法（演示数据）", "SFSD-2024-0002", -720, 20),
    ("示范市城市更新项目管理暂行办法（演示数据）", "SFSD-2023-0003", -1100, -10),
]
# Documents for the columns the generated catalog leaves empty: agency slug, title, category, 文种.
COLUMN_DOCS = [
    ("city", "示范市2025年国民经济和社会发展统计公报（演示数据）", Category.WORK, Genre.COMMUNIQUE),
    ("samr", "示范市市场监督管理局行政处罚决定书公示（演示数据）", Category.NOTICE, Genre.ANNOUNCEMENT),
    ("office", "示范市2026年度考试录用公务员拟录用人员名单公示（演示数据）", Category.NOTICE, Genre.ANNOUNCEMENT),
    ("city", "示范市关于支持公益慈善事业发展的若干措施（演示数据）", Category.POLICY, Genre.OPINION),
    ("county", "示范县国有土地上房屋征收决定公告（演示数据）", Category.NOTICE, Genre.ANNOUNCEMENT),
    ("city", "示范市2026年社会治安综合治理工作要点（演示数据）", Category.POLICY, Genre.NOTICE),
    ("county", "示范县最低生活保障和特困人员救助供养资金发放情况（演示数据）", Category.WORK, Genre.OTHER),
    ("qingshi", "青石镇2026年耕地地力保护补贴等涉农补贴发放公示（演示数据）", Category.NOTICE, Genre.ANNOUNCEMENT),
    ("qingshi", "青石镇高标准农田水利工程建设项目进展情况（演示数据）", Category.WORK, Genre.OTHER),
    ("qingshi", "青石镇农村土地承包经营权流转情况公示（演示数据）", Category.NOTICE, Genre.ANNOUNCEMENT),
    ("qingshi", "青石镇2026年第三季度农村宅基地审批情况公示（演示数据）", Category.NOTICE, Genre.ANNOUNCEMENT),
    ("qingshi", "青石镇集体土地征收补偿安置方案公告（演示数据）", Category.NOTICE, Genre.ANNOUNCEMENT),
    ("qingshi", "青石镇房屋征收补偿情况公示（演示数据）", Category.NOTICE, Genre.ANNOUNCEMENT),
    ("qingshi", "青石镇村级公益事业建设一事一议筹资筹劳情况公示（演示数据）", Category.NOTICE, Genre.ANNOUNCEMENT),
]
NORMATIVE_AGENCY = {"示范市校外培训机构管理办法（演示数据）": "edu",
                    "示范市惠企资金直达管理暂行办法（演示数据）": "finance",
                    "示范市城市更新项目管理暂行办法（演示数据）": "city"}


def _profiles(agencies, stdout):
    if AgencyProfile.objects.exists():
        return
    for slug, fields, leaders, publish in PROFILES:
        agency = agencies.get(slug)
        if agency is None:
            continue
        profile = profile_get_or_create(agency=agency, actor=None)
        profile_update(profile=profile, actor=None, **fields)
        for name, post, duties in leaders:
            leader_add(profile=profile, actor=None, name=name, post=post, duties=duties)
        if publish:
            profile_transition(profile=profile, action="submit", actor=None)
            profile_transition(profile=profile, action="publish", actor=None)
    stdout.write("columns: 机构概况 loaded")


def _normative(agencies, today, stdout):
    titles = [t for t, *_rest in NORMATIVE]
    if Document.objects.filter(title__in=titles).exists():
        return
    for title, number, start, end in NORMATIVE:
        agency = agencies.get(NORMATIVE_AGENCY[title])
        if agency is None:
            continue
        effective = today + dt.timedelta(days=start)
        document = document_create(
            agency=agency, actor=None, title=title, category=Category.NORMATIVE, genre=Genre.MEASURES,
            validity="valid", written_date=effective - dt.timedelta(days=30), publish_date=effective - dt.timedelta(days=20),
            effective_date=effective, expiry_date=today + dt.timedelta(days=end) if end is not None else None,
            keywords=title.split("（")[0].removeprefix("示范市"), is_generated=True,
            summary="本办法为演示数据，用于展示规范性文件库的统一登记号、实施日期和失效日期。",
            body_html="<p>第一条 为规范本市相关管理工作，制定本办法。（演示数据）</p><p>第二条 本办法自印发之日起施行。</p>")
        document_transition(document=document, action="submit", actor=None)
        document = document_transition(document=document, action="publish", actor=None)
        normative_register(document=document, actor=None, registration_no=number)
    stdout.write("columns: 规范性文件 loaded")


def _column_docs(today, stdout):
    titles = [t for _slug, t, _c, _g in COLUMN_DOCS]
    if Document.objects.filter(title__in=titles).exists():
        return
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in={slug for slug, *_rest in COLUMN_DOCS})}
    for position, (slug, title, category, genre) in enumerate(COLUMN_DOCS):
        if slug not in agencies:
            continue
        day = today - dt.timedelta(days=7 + 3 * position)
        document = document_create(
            agency=agencies[slug], actor=None, title=title, category=category, genre=genre, written_date=day,
            publish_date=day + dt.timedelta(days=2), is_generated=True,
            summary="演示数据：用于展示按条例第二十条、第二十一条分栏的法定主动公开内容。",
            body_html=f"<p>{title.removesuffix('（演示数据）')}。本文件为演示数据，并非真实文件。</p>")
        document_transition(document=document, action="submit", actor=None)
        document_transition(document=document, action="publish", actor=None)
    stdout.write("columns: 栏目演示文件 loaded")


def _directory(agencies, today, stdout):
    city = agencies.get("city")
    if city is None or NormativeDirectory.objects.filter(agency=city, year=today.year - 1).exists():
        return
    directory = normative_directory_generate(agency=city, year=today.year - 1, actor=None, today=today)
    document = Document.objects.get(pk=directory.document_id)
    if document.status == Status.PENDING:
        document_transition(document=document, action="publish", actor=None)
    stdout.write("columns: 现行有效规范性文件目录 published")


def load(*, stdout):
    today = timezone.localdate()
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=["city", "edu", "finance", "qingshi"])}
    with transaction.atomic():
        columns_defaults_ensure()
        if agencies:
            _profiles(agencies, stdout)
            _normative(agencies, today, stdout)
            _directory(agencies, today, stdout)
            _column_docs(today, stdout)
    expiry_apply(today=today)
    reminders_send(today=today)
