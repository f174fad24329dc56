"""政务新媒体: the account workflow and its roles, the post-date CSV import, the 2-week rule, the
public matrix without 运维人 data."""
import datetime as dt

import pytest
import time_machine

from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.newmedia.demo import demo_qr_png
from gongkai.newmedia.imports import post_dates_import
from gongkai.newmedia.liveness import STALE_AFTER_DAYS, account_is_stale
from gongkai.newmedia.models import AccountStatus, Platform
from gongkai.newmedia.selectors import stale_accounts, stale_counts_by_agency
from gongkai.newmedia.services import account_create, account_post_date_set, account_transition

D = dt.date
NOON = "2026-03-20 12:00:00+08:00"


@pytest.fixture
def account(dept_a, editor_a):
    return account_create(agency=dept_a, actor=editor_a, platform=Platform.WECHAT, name="示范教育",
                          account_id="shifanjiaoyu", operator_name="李维护", operator_phone="13800001111",
                          qr=("qr.png", demo_qr_png("https://example.gov.cn/t")))


def opened(account, actor, date=D(2026, 1, 5)):
    return account_transition(account=account, action="open", actor=actor, date=date)


@pytest.mark.django_db
def test_workflow_roles_and_audit(account, editor_a, editor_b, office_city):
    assert account.status == AccountStatus.APPLIED and account.qr_code.name.endswith(".png")
    with pytest.raises(PermissionDeniedError):
        opened(account, editor_b)
    account = opened(account, editor_a)
    assert account.status == AccountStatus.OPENED and account.opened_date == D(2026, 1, 5)
    with pytest.raises(PermissionDeniedError):  # 备案 and 注销 are the 公开办's
        account_transition(account=account, action="file", actor=editor_a, filing_no="示网备001号")
    with pytest.raises(UserFacingError, match="备案编号"):
        account_transition(account=account, action="file", actor=office_city)
    account = account_transition(account=account, action="file", actor=office_city, filing_no="示网备001号")
    assert account.filed and account.filing_no == "示网备001号" and account.status == AccountStatus.OPENED
    account = account_transition(account=account, action="change", actor=editor_a,
                                 changes={"name": "示范教育发布", "operator_phone": "13900002222"})
    assert account.status == AccountStatus.OPENED and account.name == "示范教育发布"
    change = account.events.get(action="change")
    assert change.data == {"name": {"from": "示范教育", "to": "示范教育发布"}, "operator_phone": "已变更"}
    with pytest.raises(UserFacingError, match="没有需要变更"):
        account_transition(account=account, action="change", actor=editor_a, changes={"name": "示范教育发布"})
    with pytest.raises(PermissionDeniedError):
        account_transition(account=account, action="close", actor=editor_a, reason="整合")
    with pytest.raises(UserFacingError, match="理由"):
        account_transition(account=account, action="close", actor=office_city)
    account = account_transition(account=account, action="close", actor=office_city, reason="并入市政府发布")
    assert account.status == AccountStatus.CLOSED and account.status_reason == "并入市政府发布"
    with pytest.raises(TransitionError, match="已注销"):
        account_transition(account=account, action="change", actor=office_city, changes={"name": "x"})
    actions = list(AuditEntry.objects.filter(action__startswith="newmedia.").values_list("action", flat=True))
    assert actions == ["newmedia.apply", "newmedia.open", "newmedia.file", "newmedia.change", "newmedia.close"]
    assert "13900002222" not in str(AuditEntry.objects.get(action="newmedia.change").data)


@pytest.mark.django_db
def test_registration_refuses_bad_input(dept_a, editor_a, account):
    with pytest.raises(UserFacingError, match="已登记账号ID"):
        account_create(agency=dept_a, actor=editor_a, platform=Platform.WECHAT, name="重复", account_id="ｓｈｉｆａｎｊｉａｏｙｕ",
                       operator_name="甲", operator_phone="1")
    with pytest.raises(UserFacingError, match="运维人电话"):
        account_create(agency=dept_a, actor=editor_a, platform=Platform.WEIBO, name="微博", account_id="1",
                       operator_name="甲", operator_phone=" ")
    with pytest.raises(UserFacingError, match="不支持的文件类型"):
        account_create(agency=dept_a, actor=editor_a, platform=Platform.WEIBO, name="微博", account_id="2",
                       operator_name="甲", operator_phone="1", qr=("qr.png", b"%PDF-1.4 not an image"))
    from gongkai.newmedia.models import Account

    assert Account.objects.count() == 1


def csv_bytes(rows, encoding):
    return ("账号ID,最新发布日期\n" + "".join(f"{a},{d}\n" for a, d in rows)).encode(encoding)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
@time_machine.travel(NOON, tick=False)
def test_csv_import_saves_good_rows_and_names_bad_ones(account, dept_b, editor_a, editor_b, encoding):
    opened(account, editor_a)
    other = opened(account_create(agency=dept_b, actor=editor_b, platform=Platform.WEIBO, name="示范财政",
                                  account_id="caizheng", operator_name="赵", operator_phone="1"), editor_b)
    data = csv_bytes([("shifanjiaoyu", "２０２６年3月18日"), ("nosuch", "2026-03-01"), ("caizheng", "2026-03-02"),
                      ("shifanjiaoyu", "2026-13-01"), ("", "2026-03-01")], encoding)
    result = post_dates_import(actor=editor_a, data=data)
    assert result.saved == 1
    assert [line for line, _ in result.errors] == [3, 4, 5, 6]
    assert "未找到" in result.errors[0][1] and "未找到" in result.errors[1][1]  # editor_a may not touch 财政局
    assert "无法识别" in result.errors[2][1] and "账号ID为空" in result.errors[3][1]
    account.refresh_from_db()
    other.refresh_from_db()
    assert account.latest_post_date == D(2026, 3, 18) and account.latest_post_source == "imported"
    assert other.latest_post_date is None
    # An older export never moves the date back.
    result = post_dates_import(actor=editor_a, data=csv_bytes([("shifanjiaoyu", "2026/03/01")], encoding))
    assert (result.saved, result.unchanged) == (0, 1)
    account.refresh_from_db()
    assert account.latest_post_date == D(2026, 3, 18)


@pytest.mark.django_db
def test_csv_import_refuses_a_wrong_file(editor_a):
    with pytest.raises(UserFacingError, match="账号ID"):
        post_dates_import(actor=editor_a, data="名称,日期\n甲,2026-01-01\n".encode())
    with pytest.raises(UserFacingError, match="编码"):
        post_dates_import(actor=editor_a, data=b"\x00\xff\xfe\x00" * 10)
    with pytest.raises(UserFacingError, match="为空"):
        post_dates_import(actor=editor_a, data=b"")


@pytest.mark.django_db
@time_machine.travel(NOON, tick=False)
def test_two_week_rule(account, editor_a, office_city, city):
    account = opened(account, editor_a, date=D(2026, 1, 5))
    assert STALE_AFTER_DAYS == 14
    assert account_is_stale(account)  # no post recorded, opened long ago
    account = account_post_date_set(account=account, actor=editor_a, date=D(2026, 3, 6))  # 14 days ago
    assert not account_is_stale(account) and not stale_accounts().exists()
    account = account_post_date_set(account=account, actor=editor_a, date=D(2026, 3, 5))  # 15 days ago
    assert account_is_stale(account) and list(stale_accounts()) == [account]
    assert [(a.name, s, o) for a, s, o in stale_counts_by_agency()] == [("示范市教育局", 1, 1)]
    with pytest.raises(UserFacingError, match="晚于今天"):
        account_post_date_set(account=account, actor=editor_a, date=D(2026, 3, 21))
    with time_machine.travel("2026-03-19 23:59:00+08:00", tick=False):
        assert not account_is_stale(account)  # the local calendar day, not UTC
    account_transition(account=account, action="close", actor=office_city, reason="停止运营")
    assert not stale_accounts().exists()


@pytest.mark.django_db
@time_machine.travel(NOON, tick=False)
def test_public_matrix_and_api_show_no_operator(client, client_for, account, editor_a, office_city):
    account = opened(account, editor_a)
    page = client.get("/zwgk/xmt/").content.decode()
    assert "微信公众号" in page and "示范教育" in page and "示范市教育局" in page and "超过两周未更新" in page
    assert "李维护" not in page and "13800001111" not in page
    image = client.get(f"/zwgk/xmt/qr/{account.pk}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    (row,) = client.get("/api/newmedia/accounts").json()
    assert row["name"] == "示范教育" and row["stale"] is True and "operator_name" not in row
    assert "李维护" not in str(row) and "13800001111" not in str(row)
    staff = client_for(editor_a).get("/console/newmedia/").content.decode()
    assert "李维护" in staff and "无发布记录" in staff
    upload = client_for(editor_a).post("/console/newmedia/import/", {
        "file": _file(csv_bytes([("shifanjiaoyu", "2026-03-19"), ("x", "bad")], "gbk"))})
    body = upload.content.decode()
    assert upload.status_code == 200 and "更新 1 个账号" in body and "第 3 行" in body
    response = client_for(editor_a).post(f"/console/newmedia/{account.pk}/action/",
                                         {"action": "close", "reason": "整合"})
    assert response.status_code == 400 and "没有" in response.content.decode()


@pytest.mark.django_db
def test_closed_or_applied_accounts_are_not_public(client, account):
    assert "示范教育" not in client.get("/zwgk/xmt/").content.decode()
    assert client.get(f"/zwgk/xmt/qr/{account.pk}/").status_code == 404


def _file(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("export.csv", data, content_type="text/csv")


@pytest.mark.django_db
def test_demo_loads_one_stale_account(city, dept_a):
    import io

    from gongkai.newmedia import demo
    from gongkai.newmedia.models import Account

    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    assert Account.objects.count() == 5
    assert [a.name for a in stale_accounts()] == ["示范市政务微博（演示数据）"]


@pytest.mark.django_db
@time_machine.travel(NOON, tick=False)
def test_console_home_shows_the_stale_count_to_the_office_only(client_for, account, editor_a, office_city):
    opened(account, editor_a)
    assert "超过两周未更新的政务新媒体账号：1 个" in client_for(office_city).get("/console/").content.decode()
    assert "政务新媒体账号" not in client_for(editor_a).get("/console/").content.decode()


@pytest.mark.django_db
def test_change_replaces_the_qr_code_with_png_or_jpeg_only(account, editor_a):
    before = account.qr_code.name
    with pytest.raises(UserFacingError, match="不支持的文件类型"):
        account_transition(account=account, action="change", actor=editor_a,
                           changes={"qr": ("qr.gif", b"GIF89a" + b"\x00" * 20)})
    account.refresh_from_db()
    assert account.qr_code.name == before
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
    account = account_transition(account=account, action="change", actor=editor_a, changes={"qr": ("a.jpg", jpeg)})
    assert account.qr_code.name.endswith(".jpg") and account.events.last().data == {"qr_code": "已更换"}
