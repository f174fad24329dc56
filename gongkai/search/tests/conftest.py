"""A small corpus published through the real catalog services (so the receiver indexes it)."""
import datetime as dt

import pytest

from gongkai.catalog.models import Subject
from gongkai.catalog.services import document_create, document_transition, document_validity_change


def publish(agency, title, body, **fields):
    doc = document_create(agency=agency, actor=None, title=title, body_html=body, **fields)
    document_transition(document=doc, action="submit", actor=None)
    return document_transition(document=doc, action="publish", actor=None)


@pytest.fixture
def corpus(city, dept_a, dept_b):
    """Eight documents covering every query kind the search must answer."""
    top = Subject.objects.filter(parent__isnull=True).order_by("sort_order", "id")
    s1, s2 = top[0], top[1]
    docs = {}
    docs["open"] = publish(
        city, "示范市人民政府办公室关于印发2021年政务公开工作要点的通知",
        "<p>各县（市、区）人民政府：</p><p>深化放管服改革，全面推行双随机、一公开监管，推进一网通办。</p>"
        "<p>加强政府信息公开平台建设，做好依申请公开工作。</p>",
        doc_no="绍政办发〔2021〕4号", publish_date=dt.date(2021, 3, 2), written_date=dt.date(2021, 3, 1),
        validity="valid", subject=s1, index_no="11330600002577014T/2021-00004")
    docs["tax"] = publish(
        dept_b, "示范市财政局关于2022年财政预决算公开的通知",
        "<p>各部门要在规定时间内公开部门预算、决算和三公经费。</p><p>税费减免政策一并公开。</p>",
        doc_no="示财发〔2022〕7号", publish_date=dt.date(2022, 5, 10), validity="valid", subject=s2)
    docs["build"] = publish(
        dept_a, "关于重大建设项目批准和实施领域信息公开的实施意见",
        "<p>重大建设项目的批准服务、批准结果、招标投标信息应当依法公开。</p>",
        publish_date=dt.date(2023, 1, 15), validity="valid", subject=s1)
    docs["trad"] = publish(
        dept_a, "關於加強政務公開標準化規範化建設的意見",
        "<p>推進基層政務公開標準化規範化，三安全一稳定工作同步推进。</p>",
        publish_date=dt.date(2023, 6, 1), validity="valid")
    docs["internet"] = publish(
        city, "示范市推进互联网+政务服务工作方案",
        "<p>建设互联网+政务服务平台，实现最多跑一次。柯桥区、越城区同步推进。</p>",
        doc_no="示政发[2020]12号", publish_date=dt.date(2020, 8, 8), validity="expired", subject=s2)
    docs["regulation"] = publish(
        city, "示范市政府信息公开规定",
        "<p>第一章 总则</p><p>第一条 为了规范政府信息公开工作，制定本规定。</p>"
        "<p>第二条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。</p>"
        "<p>第三条 不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，"
        "延长的期限最长不得超过20个工作日。</p>",
        doc_no="示政令〔2019〕1号", publish_date=dt.date(2019, 4, 1), validity="valid", genre="规定")
    docs["old_regulation"] = publish(
        city, "示范市政府信息公开暂行办法",
        "<p>第一条 为了推进政府信息公开，制定本办法。</p>"
        "<p>第二条 行政机关收到政府信息公开申请，应当自收到申请之日起15个工作日内予以答复。</p>",
        doc_no="示政令〔2010〕3号", publish_date=dt.date(2010, 2, 1), validity="valid", genre="办法")
    document_validity_change(document=docs["old_regulation"], validity="abolished", actor=None,
                             reason="被新规定替代", date=dt.date(2019, 4, 1))
    docs["old_regulation"].refresh_from_db()
    docs["draft"] = document_create(agency=dept_a, actor=None, title="未发布的政务公开草稿",
                                    body_html="<p>政务公开草稿内容</p>")
    return docs
