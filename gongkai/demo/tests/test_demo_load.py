"""`gongkai demo_load`: agencies, users, seeds, generated documents, idempotency, app hooks."""
import io
import types
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gongkai.agencies.codes import is_valid_org_code, is_valid_uscc
from gongkai.agencies.models import Agency, Membership
from gongkai.audit.services import audit_chain_verify
from gongkai.catalog.models import Category, Document, DocumentRelation, Status, Subject, Validity
from gongkai.demo import services

pytestmark = pytest.mark.django_db(transaction=False)

SEEDS = Path(settings.GONGKAI["DEMO_SEEDS_DIR"])
HAVE_SEEDS = SEEDS.is_dir() and any(SEEDS.glob("004_*.txt"))


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def run(*extra):
    out = io.StringIO()
    call_command("demo_load", "--generated", "20", "--no-apps", *extra, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_demo_load_builds_everything_once(var_dir):
    output = run()
    # Agencies: the city, six departments, a county and a town, all with valid codes and contacts.
    city = Agency.objects.get(slug="city")
    assert city.name == "示范市人民政府" and city.kind == Agency.Kind.GOVERNMENT and city.parent is None
    assert city.uscc != "11330600002577014T"
    names = set(Agency.objects.filter(parent=city).values_list("name", flat=True))
    for name in ("示范市人民政府办公室", "示范市教育局", "示范市财政局", "示范市卫生健康委员会",
                 "示范市自然资源和规划局", "示范市市场监督管理局", "示范县人民政府"):
        assert name in names
    town = Agency.objects.get(slug="qingshi")
    assert town.parent.slug == "county" and town.level == Agency.Level.TOWNSHIP
    for agency in Agency.objects.exclude(is_catch_all=True):
        assert is_valid_uscc(agency.uscc) and is_valid_org_code(agency.org_code), agency
        assert agency.office_name and agency.office_phone and agency.office_address and agency.office_email
    assert Agency.objects.filter(is_catch_all=True).count() == 1
    # Users: one per role, passwords printed and written to var/demo-passwords.txt (0600).
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    for username, role in [("office", "office"), ("editor", "editor"), ("reviewer", "reviewer"),
                           ("approver", "approver"), ("evaluator", "evaluator")]:
        assert Membership.objects.filter(user__username=username, role=role).exists()
    secrets_file = var_dir / "demo-passwords.txt"
    assert secrets_file.stat().st_mode & 0o777 == 0o600
    lines = [line.split("\t") for line in secrets_file.read_text("utf-8").splitlines() if not line.startswith("#")]
    assert {row[0] for row in lines} == {"admin", "office", "editor", "reviewer", "approver", "evaluator"}
    for username, _label, _role, password in lines:
        assert password in output
        assert User.objects.get(username=username).check_password(password)
    # Generated documents: marked, published, spread over agencies, with relations.
    generated = Document.objects.filter(is_generated=True)
    assert generated.count() >= 20
    assert all(d.body_html.startswith("<p>【演示数据】") for d in generated)
    assert generated.filter(status=Status.PUBLISHED).count() == generated.count()
    assert generated.values("agency").distinct().count() >= 4
    assert DocumentRelation.objects.filter(kind="interprets").exists()
    assert generated.filter(category=Category.ANNUAL_REPORT).exists()
    assert Subject.objects.get(name="政府工作", parent=None).is_local
    assert audit_chain_verify() == []

    counts = (Agency.objects.count(), User.objects.count(), Document.objects.count())
    again = run()
    assert "已加载" in again and "密码：" not in again
    assert (Agency.objects.count(), User.objects.count(), Document.objects.count()) == counts


@pytest.mark.skipif(not HAVE_SEEDS, reason="seed documents not present in GONGKAI_SEEDS_DIR")
def test_demo_load_imports_the_seeds(var_dir):
    run()
    seed = Document.objects.get(index_no="11330600002577014T/2021-199380")
    assert seed.agency.slug == "office" and seed.agency.effective_index_code == "11330600002577014T"
    assert seed.status == Status.PUBLISHED
    assert seed.doc_no == "绍政办发〔2021〕4号"
    assert str(seed.publish_date) == "2021-02-07"
    assert seed.subject.name == "政府工作" and seed.validity == Validity.VALID
    assert not seed.is_generated
    town_plan = Document.objects.get(title="示范县青石镇2020年政务公开工作要点")
    assert town_plan.status == Status.PUBLISHED and town_plan.agency.slug == "qingshi"
    assert town_plan.source_name.startswith("001_")
    consult = Document.objects.get(title__contains="意见征集公告")
    annual = Document.objects.get(title__contains="安徽省人民政府2019年政府信息公开工作年度报告")
    assert consult.status == Status.DRAFT and annual.status == Status.DRAFT
    assert consult.category == Category.CONSULTATION and annual.category == Category.ANNUAL_REPORT
    breakdown = Document.objects.get(title="示范市2019年政务公开工作要点任务分解表")
    assert breakdown.status == Status.PUBLISHED and "<table>" in breakdown.body_html
    # The province's report is not the city's, and its cut first sentence is marked, not left as ")和《".
    assert annual.agency.is_catch_all and annual.publisher_name == "安徽省人民政府"
    assert ")和《" not in annual.body_html and "……和《国务院办公厅" in annual.body_html


def test_seed_cut_sentences_mark():
    mark = services.seed_cut_sentences_mark
    assert mark("<p>x网)和《通知》(国办函〔号)要求</p>") == "<p>x网……和《通知》(国办函〔号)要求</p>"
    assert mark("<p>)开头</p>") == "<p>……开头</p>"
    for kept in ("<p>1) 第一</p>", "<p>(一)总体</p>", "<p>一）好</p>", "<p>a) 项</p>"):
        assert mark(kept) == kept


def test_generated_reports_leave_the_city_report_of_the_reports_demo_year(var_dir):
    import datetime as dt

    from gongkai.demo.generated import Generator
    from gongkai.reports.demo import DEMO_YEAR

    agencies = services.demo_agencies_ensure()
    planned = list(Generator(agencies=agencies, today=dt.date(DEMO_YEAR + 2, 6, 1)).plan_annual_reports(1000))
    pairs = {(p.slug, p.written.year - 1) for p in planned}
    assert ("city", DEMO_YEAR) not in pairs and ("office", DEMO_YEAR) in pairs


def test_existing_real_data_is_left_alone(var_dir):
    Agency.objects.create(name="某某市人民政府", slug="real", kind=Agency.Kind.GOVERNMENT)
    output = run()
    assert "未加载演示数据" in output
    assert not Document.objects.exists() and not Agency.objects.filter(slug="city").exists()


def test_app_demo_modules_are_called_in_order(var_dir, monkeypatch):
    calls = []
    fake = [("gongkai.search", types.SimpleNamespace(load=lambda *, stdout: calls.append("search"))),
            ("gongkai.review", types.SimpleNamespace(load=lambda *, stdout: 1 / 0)),
            ("gongkai.foi", types.SimpleNamespace(load=lambda *, stdout: calls.append("foi")))]
    monkeypatch.setattr("gongkai.demo.management.commands.demo_load.demo_app_modules", lambda: iter(fake))
    err = io.StringIO()
    call_command("demo_load", "--generated", "0", "--seeds-dir", str(var_dir), stdout=io.StringIO(), stderr=err)
    assert calls == ["search", "foi"]  # a failing app is reported, the others still run
    assert "gongkai.review" in err.getvalue()


def test_demo_app_modules_finds_real_modules():
    found = [name for name, _module in services.demo_app_modules()]
    assert "gongkai.demo" not in found
    from django.apps import apps

    order = [c.name for c in apps.get_app_configs()]
    assert found == sorted(found, key=order.index)
