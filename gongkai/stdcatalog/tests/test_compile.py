"""Compiling a 本级标准目录: adopt an area's 指引, adapt an 事项, add a local one, submit through the
review as a catalog document, publish; roles and statuses enforced."""
import dataclasses

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Status
from gongkai.catalog.services import document_transition
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.stdcatalog.areas import area, areas, areas_summary
from gongkai.stdcatalog.models import AUDIENCE_FROM_TEXT, MODE_FROM_TEXT, CatalogStatus, Mode, Origin
from gongkai.stdcatalog.services import (entries_adopt, entry_add, entry_update, local_catalog_create,
                                         local_catalog_transition)
from gongkai.stdcatalog.timelimits import parse


def test_the_26_areas_are_shipped_with_sources():
    shipped = areas()
    assert len(shipped) == 26
    assert len({a.name for a in shipped}) == 26
    assert {"社会救助", "养老服务", "救灾", "户籍管理", "城市综合执法", "保障性住房"} <= {a.name for a in shipped}
    for a in shipped:
        assert a.issuer and a.document and a.completeness in ("complete_local", "partial", "list_only")
        assert a.list_source["document"].endswith("（国办发〔2019〕54号）")
        if a.items:
            assert a.items_source and a.items_source["url"].startswith("http")
    assert area("shehui-jiuzhu").date == "2019-04-30" and "民办函〔2019〕52号" in area("shehui-jiuzhu").document
    summary = {row["name"]: row for row in areas_summary()}
    assert summary["救灾"]["items"] == 9 and summary["户籍管理"]["items"] == 5
    assert "文昌市" in summary["救灾"]["source"]


def test_items_source_line_names_issuer_and_date_once():
    a = area("shehui-jiuzhu")
    titled = dataclasses.replace(a, items_source={"title": "甲镇救助目录（某省甲镇）", "issuer": "某省甲镇",
                                                  "date": "2021-05-06", "url": "http://example.org/"})
    assert titled.items_source_line == "甲镇救助目录（某省甲镇）（2021-05-06）"
    bare = dataclasses.replace(a, items_source={"title": "标准目录汇编", "issuer": "乙县", "date": "", "url": "http://example.org/"})
    assert bare.items_source_line == "标准目录汇编（乙县）" and "，）" not in bare.source


def test_shipped_items_are_well_formed_and_their_time_limits_parse():
    codes = set()
    for a in areas():
        assert (a.completeness == "list_only") == (not a.items), a.slug
        for item in a.items:
            assert item["code"] not in codes and item["level1"] and item["content"], item["code"]
            codes.add(item["code"])
            assert item["source"] is None or item["source"].startswith("http"), item["code"]
            assert item["audience"] in (None, *AUDIENCE_FROM_TEXT) and item["mode"] in (None, *MODE_FROM_TEXT)
            assert isinstance(item["channels"], list) and isinstance(item["levels"], list)
            # every 公开时限 the shipped 指引 rows use is understood by the coverage check
            assert parse(item["time_limit"]).kind not in ("unknown", "none"), (item["code"], item["time_limit"])
    assert sum(bool(a.items) for a in areas()) >= 20


@pytest.mark.django_db
def test_compile_adopt_adapt_add_and_publish(town, town_editor, town_office, topic, monkeypatch):
    catalog = local_catalog_create(agency=town, actor=town_editor)
    assert catalog.title == "示范县青石镇人民政府基层政务公开标准目录"
    adopted = entries_adopt(catalog=catalog, actor=town_editor, area_slug="jiuzai")
    assert [e.level2 for e in adopted][:4] == ["法律法规", "综合减灾示范社区", "灾害损失情况", "捐赠款物"]
    assert len(adopted) == 9 and adopted[4].level2 == "部门和地方规章"  # appended rows keep the first codes' order
    assert adopted[0].mode == Mode.ACTIVE and adopted[0].origin == Origin.ADOPTED
    assert entries_adopt(catalog=catalog, actor=town_editor, area_slug="jiuzai") == []  # no duplicates
    huji = entries_adopt(catalog=catalog, actor=town_editor, area_slug="huji-guanli", codes=["huji-01"])
    assert huji[0].mode == ""  # the source lost the tick: the township must state it
    with pytest.raises(UserFacingError, match="公开方式或公开时限"):
        local_catalog_transition(catalog=catalog, action="submit", actor=town_editor)
    entry = entry_update(entry=huji[0], actor=town_editor, mode=Mode.ACTIVE, subject_text="青石派出所")
    assert entry.origin == Origin.ADAPTED
    for row in adopted[4:]:  # rows read from a source that lost the 公开方式 tick
        assert row.mode == ""
        entry_update(entry=row, actor=town_editor, mode=Mode.ACTIVE)
    local = entry_add(catalog=catalog, actor=town_editor, area_slug="jiuzai", level1="备灾管理",
                      level2="避险转移安置点", content="本镇避险转移安置点位置及容量", time_limit="每年5月底前",
                      mode=Mode.ACTIVE, topic=topic, keywords="安置点")
    assert (local.origin, local.position) == (Origin.LOCAL, 11)
    with pytest.raises(UserFacingError, match="一级事项和公开内容不能为空"):
        entry_add(catalog=catalog, actor=town_editor, area_slug="jiuzai", level1="", content="x")
    # an area shipped with its name only (no verified 事项) cannot be adopted, only added to locally
    monkeypatch.setattr("gongkai.stdcatalog.services.area_get",
                        lambda slug: dataclasses.replace(area(slug), items=(), completeness="list_only"))
    with pytest.raises(UserFacingError, match="尚未收录指引事项"):
        entries_adopt(catalog=catalog, actor=town_editor, area_slug="jiuye")
    monkeypatch.undo()

    catalog = local_catalog_transition(catalog=catalog, action="submit", actor=town_editor)
    assert catalog.status == CatalogStatus.SUBMITTED
    assert catalog.document.status == Status.PENDING and "避险转移安置点" in catalog.document.body_html
    with pytest.raises(TransitionError, match="尚未通过审核发布"):
        local_catalog_transition(catalog=catalog, action="publish", actor=town_office)
    with pytest.raises(TransitionError, match="修订目录"):
        entry_update(entry=local, actor=town_editor, keywords="安置")
    document_transition(document=catalog.document, action="publish", actor=None)
    with pytest.raises(PermissionDeniedError):
        local_catalog_transition(catalog=catalog, action="publish", actor=town_editor)
    catalog = local_catalog_transition(catalog=catalog, action="publish", actor=town_office)
    assert catalog.status == CatalogStatus.PUBLISHED and catalog.published_at
    actions = list(AuditEntry.objects.filter(action__startswith="stdcatalog.").values_list("action", flat=True))
    assert actions[:2] == ["stdcatalog.create", "stdcatalog.adopt"] and "stdcatalog.publish" in actions
    catalog = local_catalog_transition(catalog=catalog, action="revise", actor=town_office)
    assert catalog.status == CatalogStatus.DRAFT


@pytest.mark.django_db
def test_only_county_and_township_compile_and_only_their_staff(city, town, editor_a, office_city):
    with pytest.raises(UserFacingError, match="县级、乡级"):
        local_catalog_create(agency=city, actor=office_city)
    with pytest.raises(PermissionDeniedError):
        local_catalog_create(agency=town, actor=editor_a)
    catalog = local_catalog_create(agency=town, actor=office_city)  # 公开办 of the city covers its subtree
    with pytest.raises(UserFacingError, match="已有本级标准目录"):
        local_catalog_create(agency=town, actor=office_city)
    with pytest.raises(TransitionError):
        local_catalog_transition(catalog=catalog, action="publish", actor=office_city)
    with pytest.raises(UserFacingError, match="未知的领域"):
        entries_adopt(catalog=catalog, actor=office_city, area_slug="nope")
