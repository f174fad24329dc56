"""document_import and `gongkai import`: saving, agencies, duplicates, publishing, bad files."""
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from gongkai.agencies.models import Agency
from gongkai.catalog.importing.services import category_guess, document_import
from gongkai.catalog.services import document_transition, document_update
from gongkai.catalog.models import Category, Disclosure, Document, Status, Subject, Validity
from gongkai.catalog.signals import document_pre_publish
from gongkai.core.errors import TransitionError

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def data(name):
    return (FIXTURES / name).read_bytes()


def test_import_saves_a_draft_with_mapped_fields(dept_a):
    result = document_import(name="header_colon.txt", data=data("header_colon.txt"))
    assert result.ok and result.error == ""
    doc = result.document
    assert doc.agency == dept_a  # matched from 发布机构 示范市教育局
    assert doc.status == Status.DRAFT
    assert doc.index_no == "000014349/2024-00012"
    assert doc.doc_no == "示教发〔2024〕3号"
    assert doc.validity == Validity.VALID and doc.disclosure == Disclosure.ACTIVE
    assert doc.subject == Subject.objects.get(name="教育", parent__name="科技、教育")
    assert str(doc.written_date) == "2024-03-01" and str(doc.publish_date) == "2024-03-05"
    assert doc.keywords == "教育 招生"
    assert doc.source_name == "header_colon.txt"
    assert "<h2>一、总体要求</h2>" in doc.body_html and "总体要求" in doc.body_text
    assert set(result.extracted) == {"title", "index_no", "doc_no", "publisher", "subject", "genre",
                                     "keywords", "written_date", "publish_date", "validity",
                                     "disclosure", "registration_no", "effective_date", "expiry_date", "body_chars"}


def test_validity_disclosure_and_unknown_subject_mapping(city):
    r1 = document_import(name="header_pipes.txt", data=data("header_pipes.txt"), agency=city)
    assert r1.document.validity == Validity.EXPIRED and r1.document.disclosure == Disclosure.ON_REQUEST
    r2 = document_import(name="header_brackets.txt", data=data("header_brackets.txt"), agency=city)
    assert r2.document.validity == Validity.ABOLISHED
    r3 = document_import(name="header_synonyms.txt", data=data("header_synonyms.txt"), agency=city)
    assert r3.document.subject is None and r3.document.subject_label == "政府工作"
    Subject.objects.create(name="政府工作", is_local=True, sort_order=999)
    r4 = document_import(name="x.txt", data=data("header_synonyms.txt").replace(b"21", b"22"), agency=city)
    assert r4.document.subject.name == "政府工作"


@pytest.mark.parametrize("title,genre,expected", [
    ("安徽省人民政府2019年政府信息公开工作年度报告", "报告", Category.ANNUAL_REPORT),
    ("关于《示范市物业管理办法（征求意见稿）》公开征求意见的公告", "公告", Category.CONSULTATION),
    ("市政府办公室关于意见征集的通知", "通知", Category.CONSULTATION),
    ("《示范市优化营商环境若干措施》政策解读", "解读", Category.INTERPRETATION),
    ("示范市2024年政务公开工作要点", "其他", Category.PLAN),
    ("示范市“十四五”教育事业发展规划", "其他", Category.PLAN),
    ("关于开展食品安全专项检查的通告", "通告", Category.NOTICE),
    ("示范市人民政府关于加强安全生产工作的意见", "意见", Category.POLICY),
])
def test_category_heuristics(title, genre, expected):
    assert category_guess(title=title, genre=genre) == expected


def test_reimport_is_a_duplicate_not_saved_twice(dept_a):
    first = document_import(name="a.txt", data=data("header_colon.txt"))
    again = document_import(name="a.txt", data=data("header_colon.txt"))
    assert first.ok and not again.ok and again.duplicate
    assert again.document == first.document and "已导入过" in again.error
    # Without a 索引号: same agency + title + 文号.
    body = "示范市教育局关于开展读书月活动的通知\n发文字号：示教函(2024)5号\n各学校：请组织开展。".encode()
    assert document_import(name="b.txt", data=body, agency=dept_a).ok
    dup = document_import(name="b.txt", data=body, agency=dept_a)
    assert dup.duplicate
    assert Document.objects.count() == 2


def test_agency_fallbacks(city):
    no_publisher = "示范市关于开展春季植树活动的通知\n请各单位积极参加。".encode()
    result = document_import(name="a.txt", data=no_publisher)
    catch_all = result.document.agency
    assert catch_all.is_catch_all and catch_all.name == "其他机构"
    # The existing catch-all is reused.
    other = document_import(name="b.txt", data="示范市关于开展秋季植树活动的通知\n请参加。".encode())
    assert other.document.agency == catch_all and Agency.objects.filter(is_catch_all=True).count() == 1
    # A parenthesised remark after the 发布机构 is ignored when matching.
    city.aliases = "市政府办公室"
    city.save()
    text = "发布机构：市政府办公室(研究室、机关事务局)\n\n示范市关于某事的通知\n正文。".encode()
    assert document_import(name="c.txt", data=text).document.agency == city


def test_bad_file_saves_nothing(city):
    before = Document.objects.count()
    result = document_import(name="bad.txt", data=bytes(range(256)) * 4, agency=city)
    assert not result.ok and result.document is None and result.error
    result = document_import(name="bad.docx", data=b"PK\x03\x04garbage", agency=city)
    assert not result.ok and "Word" in result.error
    header_only = "索引号：000014349/2024-00012\n发布机构：示范市教育局\n成文日期：2024年3月1日\n".encode()
    result = document_import(name="header.txt", data=header_only, agency=city)
    assert not result.ok and "正文" in result.error
    assert Document.objects.count() == before


def test_title_from_chinese_file_name_is_pending(city):
    result = document_import(name="001_示范镇2020年政务公开工作要点.txt",
                             data="以习近平新时代中国特色社会主义思想为指导，认真贯彻落实条例，全面推进政务公开工作，增强政府公信力。".encode(),
                             agency=city)
    assert result.document.title == "示范镇2020年政务公开工作要点"
    assert result.document.title_pending and "标题待确认" in result.warning


def test_file_without_title_is_a_pending_draft_until_a_person_sets_the_title(city, admin_user):
    no_title = "各单位：请认真贯彻执行本通知的各项要求，确保工作落实到位。以上事项，请抓好落实。".encode()
    dry = document_import(name="abc123.txt", data=no_title, agency=city, dry_run=True)
    assert dry.ok and dry.extracted["title"] is None
    assert dry.extracted["title_pending"] and dry.extracted["draft_title"] == "abc123"
    result = document_import(name="abc123.txt", data=no_title, agency=city, publish=True)
    doc = result.document
    assert result.ok and not result.published and doc.status == Status.DRAFT
    assert doc.title == "abc123" and doc.title_pending and "标题待确认" in result.warning
    # Importing the same file again finds the pending draft.
    again = document_import(name="abc123.txt", data=no_title, agency=city)
    assert again.duplicate and again.document == doc
    document_transition(document=doc, action="submit", actor=None)
    with pytest.raises(TransitionError, match="标题待确认"):
        document_transition(document=doc, action="publish", actor=None)
    doc.refresh_from_db()
    assert doc.status == Status.PENDING and doc.title_pending
    document_transition(document=doc, action="return", actor=None, reason="请核对标题")
    # The importer (no person) editing other fields does not confirm the title; a person saving it does.
    document_update(document=doc, actor=None, keywords="其他")
    assert Document.objects.get(pk=doc.pk).title_pending
    document_update(document=doc, actor=admin_user, title="示范市关于认真贯彻执行有关要求的通知")
    doc.refresh_from_db()
    assert not doc.title_pending
    assert document_transition(document=doc, action="submit", actor=admin_user)
    assert document_transition(document=doc, action="publish", actor=admin_user).status == Status.PUBLISHED


def test_publish_assigns_index_and_keeps_given_one(dept_a):
    given = document_import(name="a.txt", data=data("header_colon.txt"), publish=True)
    assert given.published and given.document.status == Status.PUBLISHED
    assert given.document.index_no == "000014349/2024-00012"
    fresh = document_import(name="b.txt", data="示范市教育局关于某事的通知\n正文内容。".encode(),
                            agency=dept_a, publish=True)
    assert fresh.document.status == Status.PUBLISHED
    assert fresh.document.index_no.startswith("000014349/")


def test_blocked_publish_keeps_a_draft(dept_a):
    def block(sender, document, **kwargs):
        raise TransitionError("含有疑似赌博推广内容")

    document_pre_publish.connect(block, dispatch_uid="test-block")
    try:
        result = document_import(name="a.txt", data=data("header_colon.txt"), publish=True)
    finally:
        document_pre_publish.disconnect(dispatch_uid="test-block")
    assert result.ok and not result.published
    assert result.document.status == Status.DRAFT
    assert "含有疑似赌博推广内容" in result.warning


def test_actor_needs_an_edit_role(dept_b, editor_a):
    result = document_import(name="a.txt", data=data("header_colon.txt"), agency=dept_b, actor=editor_a)
    assert not result.ok and "权限" in result.error
    # Unmatched 发布机构 → catch-all, where the editor has no role: nothing is left behind.
    text = "示范市关于开展春季植树活动的通知\n请各单位积极参加。".encode()
    result = document_import(name="b.txt", data=text, actor=editor_a)
    assert not result.ok and "权限" in result.error
    assert not Document.objects.exists() and not Agency.objects.filter(is_catch_all=True).exists()


def test_editor_imports_into_own_agency(dept_a, editor_a):
    result = document_import(name="a.txt", data=data("header_colon.txt"), actor=editor_a)
    assert result.ok and result.document.agency == dept_a and result.document.created_by == editor_a
    # An editor cannot publish: the document stays a draft and the reason is given.
    other = document_import(name="b.txt", data="示范市教育局关于某事的通知\n正文。".encode(),
                            agency=dept_a, actor=editor_a, publish=True)
    assert other.ok and not other.published and other.document.status == Status.DRAFT
    assert "权限" in other.warning


# --- command line -----------------------------------------------------------------------------

def test_cli_dry_run_json_one_object_per_file(city):
    out = io.StringIO()
    call_command("import", "--dry-run", "--json", str(FIXTURES / "header_colon.txt"),
                 str(FIXTURES / "header_pipes.txt"), stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["index_no"] for r in rows] == ["000014349/2024-00012", "113399000012345678/2023-00088"]
    assert list(rows[0]) == ["title", "index_no", "doc_no", "publisher", "subject", "genre", "keywords",
                             "written_date", "publish_date", "validity", "disclosure", "registration_no",
                             "effective_date", "expiry_date", "body_chars"]
    assert not Document.objects.exists()


def test_cli_dry_run_prints_the_fields_of_a_file_without_body(tmp_path, city):
    f = tmp_path / "header.txt"
    f.write_text("索引号：000014349/2024-00012\n发布机构：示范市教育局\n发文字号：示教发[2024]3号\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "--dry-run", "--json", str(f), stdout=out, stderr=err)
    row = json.loads(out.getvalue())
    assert row["index_no"] == "000014349/2024-00012" and row["doc_no"] == "示教发〔2024〕3号"
    assert row["publisher"] == "示范市教育局" and "正文" in row["error"] and "正文" in err.getvalue()
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "--dry-run", str(f), stdout=out, stderr=io.StringIO())
    assert "index_no: 000014349/2024-00012" in out.getvalue()


def test_cli_seed_004(db):
    seeds = Path(settings.GONGKAI["DEMO_SEEDS_DIR"])
    found = sorted(seeds.glob("004_*.txt")) if seeds.is_dir() else []
    if not found:
        pytest.skip(f"seed 004 not present in {seeds}")
    out = io.StringIO()
    call_command("import", "--dry-run", "--json", str(found[0]), stdout=out)
    row = json.loads(out.getvalue())
    assert row["index_no"] == "11330600002577014T/2021-199380"
    assert row["doc_no"] == "绍政办发〔2021〕4号"
    assert row["publish_date"] == "2021-02-07"
    assert row["subject"] == "政府工作"
    assert row["validity"] == "有效"
    assert row["disclosure"] == "主动公开"


def test_cli_batch_saves_good_files_lists_bad_ones(tmp_path, city, dept_a):
    good = tmp_path / "good.txt"
    good.write_bytes(data("header_colon.txt"))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"x" * (settings.MAX_UPLOAD_BYTES + 1))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import", str(good), str(bad), str(huge), "--agency", "city", stdout=out, stderr=err)
    assert exc.value.returncode == 1
    assert "bad.docx" in str(exc.value) and "huge.txt" in str(exc.value)
    assert "文件过大" in err.getvalue() and "Word" in err.getvalue()
    assert list(Document.objects.values_list("agency__slug", flat=True)) == ["city"]
    # Running the batch again: the good file is a duplicate, not a second copy.
    with pytest.raises(CommandError):
        call_command("import", str(tmp_path), "--agency", "city", stdout=io.StringIO(), stderr=io.StringIO())
    assert Document.objects.count() == 1


def test_cli_agency_by_uscc_publish_and_unknown_agency(tmp_path, city):
    f = tmp_path / "a.txt"
    f.write_bytes(data("header_synonyms.txt"))
    out = io.StringIO()
    call_command("import", str(f), "--agency", "11330600002577014T", "--publish", "--json", stdout=out)
    row = json.loads(out.getvalue())
    assert row["ok"] and row["status"] == "published" and row["agency"] == "city"
    with pytest.raises(CommandError, match="找不到"):
        call_command("import", str(f), "--agency", "nope", stdout=io.StringIO())
