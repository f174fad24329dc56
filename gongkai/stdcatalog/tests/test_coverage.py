"""Coverage arithmetic on hand-made fixtures: on time, late on the working-day calendar, missing,
periodic gaps, yearly deadlines, 依申请 not counted; the indicator figures; pages with frozen time."""
import datetime as dt
import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from gongkai.catalog.services import document_transition
from gongkai.stdcatalog import coverage as cov
from gongkai.stdcatalog.areas import areas as shipped_areas
from gongkai.stdcatalog.indicators import stdcatalog_coverage
from gongkai.stdcatalog.forms import EntryForm
from gongkai.stdcatalog.models import LocalCatalog, Mode
from gongkai.stdcatalog.services import binding_add, entry_add, local_catalog_create, local_catalog_transition

D = dt.date


@pytest.fixture
def published(town, town_office, topic, document_factory):
    catalog = local_catalog_create(agency=town, actor=town_office)

    def add(level1, time_limit, mode=Mode.ACTIVE, **kw):
        return entry_add(catalog=catalog, actor=town_office, area_slug="jiuzai", level1=level1,
                         content=f"{level1}的内容", time_limit=time_limit, mode=mode, **kw)

    def doc(title, written, published_on, **kw):
        return document_factory(town, "published", title=title, written_date=written, publish_date=published_on, **kw)

    e = {
        "ontime": add("灾情信息", "信息形成或变更之日起20个工作日内"),
        "late": add("救灾款物", "信息形成或变更之日起20个工作日内"),
        "missing": add("安置点", "自信息形成之日起7个工作日内", topic=topic, keywords="安置点、避难场所"),
        "quarterly": add("捐赠款物使用", "每季度"),
        "annual": add("年度减灾工作", "每年3月底前"),
        "request": add("个人救助档案", "信息形成或变更之日起20个工作日内", mode=Mode.ON_REQUEST),
        "prompt": add("救灾动态", "按进展情况及时公开", topic=topic),
    }
    binding_add(entry=e["ontime"], document=doc("青石镇2024年9月灾情通报", D(2024, 9, 27), D(2024, 10, 30)),
                actor=town_office)
    binding_add(entry=e["late"], document=doc("青石镇救灾款物发放情况", D(2024, 9, 27), D(2024, 10, 31)),
                actor=town_office)
    for title, day in [("第一季度捐赠款物使用情况", D(2024, 3, 28)), ("第三季度捐赠款物使用情况", D(2024, 9, 20))]:
        binding_add(entry=e["quarterly"], document=doc(title, day, day), actor=town_office)
    binding_add(entry=e["annual"], document=doc("青石镇2023年度减灾工作情况", D(2024, 3, 25), D(2024, 4, 2)),
                actor=town_office)
    doc("青石镇防汛救灾工作动态", D(2024, 7, 1), D(2024, 7, 2), subject=topic)  # matched by 主题分类 only
    local_catalog_transition(catalog=catalog, action="submit", actor=town_office)
    catalog.refresh_from_db()
    document_transition(document=catalog.document, action="publish", actor=None)
    catalog = local_catalog_transition(catalog=catalog, action="publish", actor=town_office)
    return catalog, e


@pytest.mark.django_db
def test_each_entry_status(published):
    catalog, e = published
    rows = {r.entry.pk: r for r in cov.catalog_coverage(catalog, start=D(2024, 1, 1), end=D(2024, 10, 31))}
    status = {k: rows[v.pk].status for k, v in e.items()}
    assert status == {"ontime": "ok", "late": "late", "missing": "missing", "quarterly": "missing",
                      "annual": "late", "request": "not_required", "prompt": "ok"}
    assert rows[e["late"].pk].late[0][1] == D(2024, 10, 30)
    assert "应于2024-10-30前公开，实际2024-10-31" in rows[e["late"].pk].detail()
    assert rows[e["quarterly"].pk].missing_periods == [(D(2024, 4, 1), D(2024, 6, 30))]
    assert rows[e["annual"].pk].late[0][1] == D(2024, 3, 31)
    assert rows[e["prompt"].pk].latest.title == "青石镇防汛救灾工作动态"
    assert cov.summary(list(rows.values())) == {"required": 6, "published": 4, "on_time": 2, "late": 2, "missing": 2}


@pytest.mark.django_db
def test_window_changes_what_is_due(published):
    catalog, e = published
    rows = {r.entry.pk: r for r in cov.catalog_coverage(catalog, start=D(2024, 1, 1), end=D(2024, 3, 31))}
    # Before the late documents exist, those 事项 are missing; Q1 was published; March 31 passed with nothing.
    assert rows[e["late"].pk].status == "missing"
    assert rows[e["quarterly"].pk].status == "ok"
    assert rows[e["annual"].pk].status == "missing"


@pytest.mark.django_db
def test_indicator_figures(published, town):
    catalog, e = published
    result = stdcatalog_coverage(agency_ids=[town.pk], start=D(2024, 1, 1), end=D(2024, 10, 31))
    assert (result["numerator"], result["denominator"]) == (2, 6)
    findings = dict(result["records"])
    assert len(findings) == 4
    assert findings["示范县青石镇人民政府·救灾·救灾款物"].startswith("超期公开：")
    assert findings["示范县青石镇人民政府·救灾·捐赠款物使用"] == "应公开未公开：2024-04-01至2024-06-30无公开信息"
    assert stdcatalog_coverage(agency_ids=[], start=D(2024, 1, 1), end=D(2024, 10, 31)) == {
        "numerator": 0, "denominator": 0, "records": []}
    out = StringIO()
    call_command("stdcatalog", "coverage", "--agency", "qingshi", "--start", "2024-01-01", "--end", "2024-10-31",
                 "--json", stdout=out)
    assert json.loads(out.getvalue())["denominator"] == 6


@pytest.mark.django_db
def test_public_and_staff_pages(published, client_for, town_office, editor_a):
    catalog, e = published
    with time_machine.travel(dt.datetime(2024, 10, 31, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        page = client_for().get("/zwgk/bzml/qingshi/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "青石镇防汛救灾工作动态" in text and "超期公开" in text and "应公开未公开" in text
        assert "应主动公开事项 6 项，已公开 4 项（其中超期 2 项），未公开 2 项" in text
        index = client_for().get("/zwgk/bzml/").content.decode()
        assert "社会救助" in index and "民办函〔2019〕52号" in index and catalog.title in index
        assert all(a.completeness_label in index for a in shipped_areas())  # each area says how far its data goes
        staff = client_for(town_office).get(f"/console/stdcatalog/{catalog.pk}/?start=2024-01-01&end=2024-10-31")
        assert staff.status_code == 200 and "超期 2 项" in staff.content.decode()
        assert client_for(editor_a).get(f"/console/stdcatalog/{catalog.pk}/").status_code == 404
        listing = client_for(town_office).get("/console/stdcatalog/").content.decode()
        assert "<td>6</td><td>2</td><td>2</td><td>2</td>" in listing  # 应公开, 按时, 超期, 未公开 in 2024
        assert catalog.title not in client_for(editor_a).get("/console/stdcatalog/").content.decode()
        api = client_for().get("/api/stdcatalog/catalogs/qingshi").json()
        assert api["summary"]["missing"] == 2 and len(api["entries"]) == 7
    assert client_for().get("/zwgk/bzml/nope/").status_code == 404
    areas = client_for().get("/api/stdcatalog/areas").json()
    assert len(areas) == 26


@pytest.mark.django_db
def test_staff_compile_through_the_console(town, town_editor, client_for):
    client = client_for(town_editor)
    response = client.post("/console/stdcatalog/", {"agency": town.pk, "title": ""})
    assert response.status_code == 302
    url = response["Location"]
    pk = int(url.rstrip("/").split("/")[-1])
    assert client.post(f"/console/stdcatalog/{pk}/action/", {"what": "adopt", "adopt-area": "jiuzai"}).status_code == 302
    bad = client.post(f"/console/stdcatalog/{pk}/action/", {"what": "add", "local-area": "jiuzai", "local-level1": ""})
    assert bad.status_code == 400 and "请填写领域、一级事项和公开内容" in bad.content.decode()
    added = client.post(f"/console/stdcatalog/{pk}/action/", {
        "what": "add", "local-area": "jiuzai", "local-level1": "备灾管理", "local-level2": "避险转移安置点",
        "local-content": "安置点位置及容量", "local-time_limit": "每年5月底前", "local-mode": "active",
        "local-channels": "政府网站、村公示栏", "local-levels": "乡级"})
    assert added.status_code == 302
    entry = LocalCatalog.objects.get(pk=pk).entries.get(level2="避险转移安置点")
    assert (entry.origin, entry.channels, entry.levels) == ("local", ["政府网站", "村公示栏"], ["乡级"])
    first = LocalCatalog.objects.get(pk=pk).entries.get(position=1)
    edited = client.post(f"/console/stdcatalog/entry/{first.pk}/", {
        **EntryForm.initial_from(first), "topic": "", "subject_text": "青石镇应急办", "mode": "active"})
    assert edited.status_code == 302
    first.refresh_from_db()
    assert (first.origin, first.subject_text) == ("adapted", "青石镇应急办")
    bound = client.post(f"/console/stdcatalog/{pk}/action/", {"what": "bind", "bind-entry": 1, "bind-document": "无"})
    assert bound.status_code == 400 and "未找到该序号的事项或该索引号的文件" in bound.content.decode()
    page = client.get(url).content.decode()
    assert "综合减灾示范社区" in page and "采用指引" in page and "本级增设" in page


def test_areas_command_json():
    out = StringIO()
    call_command("stdcatalog", "areas", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert len(rows) == 26 and set(rows[0]) == {"name", "items", "source"}
    assert all(r["items"] > 0 for r in rows)  # 征地补偿 too, since session 7
    zhengdi = next(r for r in rows if r["name"] == "征地补偿")
    assert zhengdi["items"] >= 3 and "文昌湖区" in zhengdi["source"] and "自然资源部办公厅" in zhengdi["source"]
