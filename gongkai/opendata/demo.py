"""Demo datasets of 示范市 (generated, marked 演示数据): an air-quality daily table (clean, 无条件开放),
a 救助 list whose names and ID numbers the privacy scan catches (names masked and IDs removed by the
reviewer, then published), a 有条件开放 electricity table with an approved application and its API
key (printed once), a PDF-only bulletin (flagged not machine-readable) and a monthly table behind
schedule (its owners get a reminder). Idempotent: nothing is created when demo datasets exist."""
import datetime as dt
import io
import random

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency

from .access import application_key_pickup, application_submit, application_transition
from .models import Dataset
from .services import dataset_create, dataset_transition, resource_add, resource_scan_resolve

MARK = "（演示数据）"
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def demo_id_number(rng: random.Random) -> str:
    """A well-formed, generated 身份证号 (region 330102, valid check digit) — no real person's."""
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
    body = f"330102{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _W)) % 11]


def _csv(rows) -> bytes:
    return ("\n".join(",".join(str(v) for v in r) for r in rows) + "\n").encode("utf-8")


def _meta(**extra):
    return {"spatial_code": "330100", "contact_name": "示范市大数据中心", "contact_phone": "0571-00000000",
            "contact_email": "data@example.gov.cn", "licence": "示范市公共数据开放使用协议（演示）",
            "temporal_start": dt.date(2025, 1, 1), **extra}


def load(*, stdout):
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=["edu", "health", "finance", "city", "nrp"])}
    if len(agencies) < 5 or Dataset.objects.filter(title__endswith=MARK).exists():
        return
    rng = random.Random(2026)
    today = timezone.localdate()
    with transaction.atomic():
        air = dataset_create(agency=agencies["nrp"], actor=None, title="示范市空气质量日报" + MARK,
                             summary="各监测站点每日空气质量指数与主要污染物浓度。", topic="environment",
                             keywords="空气质量,AQI,PM2.5", frequency="daily", **_meta())
        stations = ["西湖站", "滨江站", "下沙站", "城东站", "城西站"]
        rows = [["站点", "日期", "AQI", "PM2.5", "首要污染物"]]
        for back in range(60, 0, -1):
            day = today - dt.timedelta(days=back)
            for s in stations:
                rows.append([s, day.isoformat(), rng.randint(25, 160), round(rng.uniform(8, 90), 1),
                             rng.choice(["PM2.5", "O3", "PM10", "—"])])
        resource_add(dataset=air, actor=None, name="空气质量日报", filename="aqi.csv", source=io.BytesIO(_csv(rows)))
        dataset_transition(dataset=air, action="publish", actor=None)

        aid = dataset_create(agency=agencies["health"], actor=None, title="示范市临时救助发放情况" + MARK,
                             summary="临时救助对象与发放金额（姓名已脱敏，身份证号已删除）。", topic="employment",
                             keywords="临时救助,民生", frequency="monthly", **_meta())
        names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴丽"]
        rows = [["姓名", "身份证号", "区县", "救助金额", "发放月份"]]
        for i in range(40):
            rows.append([names[i % 10], demo_id_number(rng), rng.choice(["示范区", "东区", "西区"]),
                         rng.choice([500, 800, 1000]), f"{today:%Y-%m}"])
        res = resource_add(dataset=aid, actor=None, name="临时救助发放", filename="aid.csv", source=io.BytesIO(_csv(rows)))
        resource_scan_resolve(resource=res, actor=None, treatment={"姓名": "mask", "身份证号": "remove"})
        dataset_transition(dataset=aid, action="publish", actor=None)

        power = dataset_create(agency=agencies["finance"], actor=None, title="示范市重点企业用电统计" + MARK,
                               summary="重点企业分行业月度用电量。", topic="economy", keywords="用电量,企业,经济运行",
                               tier="conditional", tier_reason="涉及企业经营信息，经审核后按约定用途使用。",
                               frequency="monthly", **_meta())
        rows = [["行业", "月份", "用电量（万千瓦时）", "企业数"]]
        for m in range(1, 13):
            for ind in ["制造业", "建筑业", "批发零售业", "信息服务业"]:
                rows.append([ind, f"2025-{m:02d}", rng.randint(200, 5000), rng.randint(5, 80)])
        resource_add(dataset=power, actor=None, name="分行业用电量", filename="power.csv", source=io.BytesIO(_csv(rows)))
        dataset_transition(dataset=power, action="publish", actor=None)
        application, code = application_submit(
            dataset=power, applicant="王研究（演示）", organisation="示范大学经济学院", email="research@example.edu.cn",
            phone="0571-00000001", purpose="研究产业结构与用电量的关系。", scenario="学术论文，不对外提供原始数据。",
            period_start=today, period_end=today + dt.timedelta(days=180), agreement_accepted=True)
        application, _raw = application_transition(application=application, action="approve", actor=None,
                                                   reason="用途明确，同意开放。")
        raw_key = application_key_pickup(application=application, code=code)  # as the applicant would

        bulletin = dataset_create(agency=agencies["city"], actor=None, title="示范市统计公报" + MARK,
                                  summary="年度统计公报（仅 PDF）。", topic="economy", keywords="统计公报",
                                  frequency="yearly", **_meta())
        resource_add(dataset=bulletin, actor=None, name="统计公报", filename="bulletin.pdf",
                     source=io.BytesIO(b"%PDF-1.4\n% demo bulletin\n%%EOF\n"))
        dataset_transition(dataset=bulletin, action="publish", actor=None)

        schools = dataset_create(agency=agencies["edu"], actor=None, title="示范市中小学校名录" + MARK,
                                 summary="全市中小学校名称、学段与地址。", topic="education", keywords="学校,名录",
                                 frequency="monthly", **_meta())
        rows = [["学校名称", "学段", "区县", "在校生数"]] + [[f"示范市第{i}中学", "初中", "示范区", 600 + i * 37]
                                                     for i in range(1, 21)]
        resource_add(dataset=schools, actor=None, name="学校名录", filename="schools.csv", source=io.BytesIO(_csv(rows)))
        dataset_transition(dataset=schools, action="publish", actor=None)
        Dataset.objects.filter(pk=schools.pk).update(data_updated=today - dt.timedelta(days=75))
    stdout.write(f"数据开放演示：数据集 5 个；有条件开放申请 {application.number} 已批准，"
                 f"演示 API 密钥（只显示这一次）：{raw_key}")
