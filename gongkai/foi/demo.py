"""Demo 依申请公开 cases: a full year (2025) across every outcome, applicant kind and channel, cases
carried over from 2024 and into 2026, appeals with every result, and a few cases open right now.

Every case is registered and worked through the real services (actor None: the system), so events,
derived deadlines, notices and audit rows are exactly as in production. Idempotent: cases carry
tracking numbers starting with "DEMO-", and nothing is created when one exists.
"""
import datetime as dt
import random

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.codes import org_code_check_char, uscc_check_char
from gongkai.agencies.models import Agency
from gongkai.workdays.calendar import add_workdays, is_workday

from .models import Appeal, ApplicantKind, Case, Channel, Outcome
from .services import appeal_add, case_register, case_submit_online, case_transition, today

PREFIX = "DEMO-"
AGENCY_SLUGS = ["edu", "finance", "health", "nrp", "samr", "county", "qingshi", "city", "office"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建国", "晓东"]
ORGS = {
    ApplicantKind.COMMERCIAL: ["示范市恒信建设工程有限公司", "示范市青禾农业科技有限公司", "示范市远航物流有限公司"],
    ApplicantKind.RESEARCH: ["示范大学公共管理学院", "示范市社会科学院"],
    ApplicantKind.PUBLIC_INTEREST: ["示范市绿源环保公益服务中心", "示范市阳光助残志愿者协会"],
    ApplicantKind.LEGAL_SERVICE: ["浙江示范律师事务所", "示范市明正律师事务所", "示范市法律援助中心"],
    ApplicantKind.OTHER_ORG: ["示范市人民路社区居民委员会", "示范市个体劳动者协会"],
}
REQUESTS = [
    ("2024年度部门预算执行情况", "请提供本机关2024年度部门预算执行情况及“三公”经费支出明细。"),
    ("城东片区改造项目征收补偿方案", "请提供城东片区旧城改造项目的房屋征收补偿方案及批复文件。"),
    ("学区划分方案", "请提供2025年城区义务教育阶段学区划分方案及其依据。"),
    ("食品安全抽检结果", "请提供2025年第一季度辖区餐饮单位食品安全抽检结果。"),
    ("建设用地规划许可证", "请提供滨江路地块建设用地规划许可证及附图。"),
    ("行政处罚决定书", "请提供对本公司作出的行政处罚决定书及相关执法案卷材料。"),
    ("医疗机构执业登记信息", "请提供示范市第一人民医院执业登记及变更记录。"),
    ("政府采购合同", "请提供2024年办公设备政府采购项目的中标合同。"),
    ("河道整治工程环评文件", "请提供青石溪河道整治工程的环境影响评价文件及批复。"),
    ("会议纪要", "请提供研究城东片区改造事项的专题会议纪要。"),
]
ANSWER_TEXT = {
    Outcome.GRANTED: "现将所申请信息的电子文本随本答复书一并提供。",
    Outcome.PARTIAL: "现提供可以公开的部分。",
}


def _id_number(rng) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
    body = f"330602{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def _uscc(rng) -> str:
    org = "".join(rng.choice("0123456789") for _ in range(8))
    body = "91330602" + org + org_code_check_char(org)
    return body + uscc_check_char(body)


def _fields(rng, kind, n) -> dict:
    title, description = REQUESTS[n % len(REQUESTS)]
    phone = "13" + "".join(rng.choice("0123456789") for _ in range(9))
    fields = {"applicant_kind": kind, "phone": phone, "info_title": title, "info_description": description,
              "address": f"示范市{rng.choice(['人民路', '文昌路', '新华路', '滨江路'])}{rng.randint(1, 300)}号",
              "info_form": rng.choice(["electronic", "paper", "electronic"]),
              "delivery": rng.choice(["email", "post", "pickup", "online"])}
    if kind == ApplicantKind.NATURAL_PERSON:
        fields.update(applicant_name=rng.choice(SURNAMES) + rng.choice(GIVEN), id_type="id_card",
                      id_number=_id_number(rng))
    else:
        fields.update(applicant_name=rng.choice(ORGS[kind]), org_code=_uscc(rng),
                      contact_name=rng.choice(SURNAMES) + rng.choice(GIVEN))
    return fields


def _wd(day, n):
    return add_workdays(day, n).date


def _back(day, n):
    while n > 0:
        day -= dt.timedelta(days=1)
        if is_workday(day):
            n -= 1
    return day


def _plan_2025(rng) -> list[dict]:
    """One dict per case: received date, outcome and path. Every outcome and kind appears."""
    outcomes = ([Outcome.GRANTED] * 18 + [Outcome.PARTIAL] * 6
                + [getattr(Outcome, f"WITHHELD_{i}") for i in range(1, 9)]
                + [Outcome.UNAVAILABLE_1] * 6 + [Outcome.UNAVAILABLE_2] * 2 + [Outcome.UNAVAILABLE_3]
                + [getattr(Outcome, f"NOT_PROCESSED_{i}") for i in range(1, 6)]
                + [Outcome.OTHER_1] * 2 + [Outcome.OTHER_2] + [Outcome.OTHER_3] * 2)
    plans = []
    for i, outcome in enumerate(outcomes):
        received = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(320))
        path = {Outcome.OTHER_1: "correction_lapse", Outcome.OTHER_2: "fee_lapse", Outcome.OTHER_3: "withdraw",
                Outcome.UNAVAILABLE_3: "correction_answer", Outcome.WITHHELD_4: "consult_reply"}.get(outcome, "answer")
        if path == "answer" and outcome == Outcome.GRANTED:
            path = ["answer", "answer", "fee_paid", "extended", "consult_silent", "correction_answer"][i % 6]
        plans.append({"received": received, "outcome": outcome, "path": path})
    # Open on 2025-12-31, closed in January 2026 (结转下年度继续办理).
    for i, day in enumerate((8, 12, 15, 17, 19, 22)):
        plans.append({"received": dt.date(2025, 12, day), "outcome": [Outcome.GRANTED, Outcome.PARTIAL,
                      Outcome.UNAVAILABLE_1, Outcome.GRANTED, Outcome.WITHHELD_6, Outcome.GRANTED][i],
                      "path": ["answer", "consult_reply", "answer", "extended", "answer", "answer"][i],
                      "late": True})
    # Received in December 2024, answered in 2025 (上年结转).
    for i, day in enumerate((11, 16, 20, 26)):
        plans.append({"received": dt.date(2024, 12, day), "outcome": [Outcome.GRANTED, Outcome.UNAVAILABLE_1,
                      Outcome.PARTIAL, Outcome.NOT_PROCESSED_2][i], "path": "answer", "late": True})
    kinds = ([ApplicantKind.NATURAL_PERSON] * 5 + [ApplicantKind.COMMERCIAL] * 2 + [ApplicantKind.RESEARCH]
             + [ApplicantKind.PUBLIC_INTEREST] + [ApplicantKind.LEGAL_SERVICE] * 2 + [ApplicantKind.OTHER_ORG])
    channels = list(Channel.values)
    for i, plan in enumerate(sorted(plans, key=lambda p: p["received"])):
        plan["kind"] = kinds[i % len(kinds)]
        plan["channel"] = channels[i % len(channels)]
    return sorted(plans, key=lambda p: p["received"])


def _answer(case, plan, day, rng):
    """Answer on `day` (cases open at year end: after 12-31); return the date used."""
    if plan.get("late"):
        day = max(day, _wd(dt.date(plan["received"].year, 12, 31), 1))
    outcome = plan["outcome"]
    params = {"outcome": outcome, "reply_text": ANSWER_TEXT.get(outcome, "")}
    if outcome == Outcome.PARTIAL:
        params["withheld_note"] = "材料中涉及个人身份信息和联系方式的部分，依据条例第十五条不予公开。"
    case_transition(case=case, action="answer", actor=None, date=day, **params)
    return day


def _work(case, plan, rng):
    """Take the case along its planned path; return the closing date."""
    r = case.received_date
    path = plan["path"]
    if path == "answer":
        day = _wd(r, rng.randint(4, 16 if not plan.get("late") else 14))
        return _answer(case, plan, day, rng)
    if path in ("correction_lapse", "correction_answer"):
        case = case_transition(case=case, action="request_correction", actor=None, date=_wd(r, 2),
                               items="请明确所需信息的名称、文号或者便于查询的特征性描述。", days=10)
        if path == "correction_lapse":
            day = case.correction_due + dt.timedelta(days=1)
            case_transition(case=case, action="lapse_correction", actor=None, date=day)
            return day
        case = case_transition(case=case, action="receive_correction", actor=None, date=_wd(r, 6))
        day = _wd(_wd(r, 6), rng.randint(5, 12))
        return _answer(case, plan, day, rng)
    if path in ("fee_paid", "fee_lapse"):
        case = case_transition(case=case, action="notify_fee", actor=None, date=_wd(r, 3), fee_method="per_page",
                               pages=rng.randint(45, 160))
        if path == "fee_lapse":
            day = case.fee_due + dt.timedelta(days=1)
            case_transition(case=case, action="lapse_fee", actor=None, date=day)
            return day
        case = case_transition(case=case, action="pay_fee", actor=None, date=_wd(r, 6))
        day = _wd(r, 12)
        return _answer(case, plan, day, rng)
    if path in ("consult_reply", "consult_silent"):
        start = _wd(r, 3)
        case = case_transition(case=case, action="start_consultation", actor=None, date=start,
                               consultee="示范市恒信建设工程有限公司", consultation_kind="third_party",
                               reason="所申请信息含有该公司的经营信息，公开可能损害其合法权益。")
        if path == "consult_reply":
            case = case_transition(case=case, action="end_consultation", actor=None, date=_wd(start, 6),
                                   reply="refuse" if plan["outcome"] != Outcome.GRANTED else "agree")
            day = _wd(start, 10)
        else:
            case = case_transition(case=case, action="end_consultation", actor=None, date=_wd(start, 16),
                                   reply="silent")
            day = _wd(start, 20)
        return _answer(case, plan, day, rng)
    if path == "extended":
        case = case_transition(case=case, action="extend", actor=None, date=_wd(r, 15), workdays=15,
                               reason="所申请信息涉及多个年度的档案，需要调取和核对。")
        day = _wd(r, 28)
        return _answer(case, plan, day, rng)
    if path == "withdraw":
        day = _wd(r, 4)
        case_transition(case=case, action="withdraw", actor=None, date=day, reason="申请人书面撤回申请")
        return day
    raise ValueError(path)


APPEALS = [  # (index of a closed 2025 case, kind, result, months after)
    (3, "reconsideration", "upheld"), (9, "reconsideration", "corrected"), (14, "reconsideration", "other"),
    (20, "reconsideration", "pending"), (25, "litigation_direct", "upheld"), (31, "litigation_direct", "pending"),
    (37, "litigation_after", "corrected"), (42, "litigation_after", "pending"),
]


def _current(agencies, rng, counter, stdout):
    """A few cases open now, so the dashboard has something in every column."""
    now = today()
    shapes = [("due_soon", 17), ("overdue", 23), ("correction", 6), ("consultation", 8), ("fee", 5),
              ("extended", 22), ("fresh", 1)]
    for n, (shape, back) in enumerate(shapes):
        counter[0] += 1
        received = _back(now, back)
        case, _code = case_register(agency=agencies[n % len(agencies)], actor=None, channel=Channel.IN_PERSON,
                                    received_date=received, fields=_fields(rng, ApplicantKind.NATURAL_PERSON, n),
                                    tracking_no=f"{PREFIX}{now.year}-{counter[0]:04d}")
        if shape == "correction":
            case_transition(case=case, action="request_correction", actor=None, date=_back(now, 3),
                            items="请说明所需信息的形成时间。", days=15)
        elif shape == "consultation":
            case_transition(case=case, action="start_consultation", actor=None, date=_back(now, 2),
                            consultee="示范市财政局", consultation_kind="agency")
        elif shape == "fee":
            case_transition(case=case, action="notify_fee", actor=None, date=_back(now, 1), fee_method="per_page",
                            pages=90)
        elif shape == "extended":
            case_transition(case=case, action="extend", actor=None, date=_back(now, 5), workdays=20,
                            reason="需要向多个科室调取材料。")
    agency = agencies[0]
    case, code = case_submit_online(agency=agency, fields=_fields(rng, ApplicantKind.NATURAL_PERSON, 99))
    stdout.write(_("  网上申请示例：申请编号 %(no)s，查询码 %(code)s（/apply/track/）") % {"no": case.tracking_no,
                                                                                 "code": code} + "\n")


def load(*, stdout):
    """Create the demo cases once."""
    if Case.objects.filter(tracking_no__startswith=PREFIX).exists():
        stdout.write(_("依申请公开演示数据已存在，跳过。") + "\n")
        return
    agencies = list(Agency.objects.filter(slug__in=AGENCY_SLUGS))
    if not agencies:
        agencies = list(Agency.objects.all()[:5])
    if not agencies:
        stdout.write(_("没有机关，跳过依申请公开演示数据。") + "\n")
        return
    rng = random.Random(2025)
    counter = [0]
    closed_2025 = []
    with transaction.atomic():
        for n, plan in enumerate(_plan_2025(rng)):
            counter[0] += 1
            case, code = case_register(agency=agencies[n % len(agencies)], actor=None, channel=plan["channel"],
                                       received_date=plan["received"], fields=_fields(rng, plan["kind"], n),
                                       tracking_no=f"{PREFIX}{plan['received'].year}-{counter[0]:04d}")
            closed_on = _work(case, plan, rng)
            case.refresh_from_db()
            if case.outcome not in (Outcome.OTHER_1, Outcome.OTHER_2, Outcome.OTHER_3):
                case = case_transition(case=case, action="deliver", actor=None,
                                       date=closed_on + dt.timedelta(days=rng.randint(0, 2)),
                                       delivery_method=case.delivery, delivery_proof="演示送达记录")
            case_transition(case=case, action="archive", actor=None, date=closed_on + dt.timedelta(days=5))
            if closed_on.year == 2025 and plan["received"].year == 2025:
                closed_2025.append(case)
        for index, kind, result in APPEALS:
            case = closed_2025[index % len(closed_2025)]
            filed = case.closed_date + dt.timedelta(days=20)
            decided = filed + dt.timedelta(days=45) if result != "pending" else None
            appeal_add(case=case, actor=None, kind=kind, filed_date=filed, result=result, decided_date=decided,
                       body="示范市人民政府" if kind == "reconsideration" else "示范市人民法院")
        _current(agencies, rng, counter, stdout)
    stdout.write(_("依申请公开：%(cases)d 件演示申请，%(appeals)d 件复议诉讼。") % {
        "cases": Case.objects.filter(tracking_no__startswith=PREFIX).count(),
        "appeals": Appeal.objects.count()} + "\n")
