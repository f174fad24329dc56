"""Personal information: valid numbers only, spans into the original text, masks per kind."""
import pytest

from gongkai.review.masking import mask
from gongkai.review.pii import id15_valid, id18_valid, luhn_valid
from gongkai.review.services import deidentify, review_text

ID = "11010519491231002X"  # GB 11643 example number: check digit X


def kinds(text, **kw):
    return [(f.kind, f.text) for f in review_text(text=text, **kw).pii]


def test_id_checksum_and_birth_date():
    assert id18_valid(ID)
    assert not id18_valid(ID[:-1] + "3")               # wrong check digit
    assert not id18_valid("110105" + "19491331" + "0021")  # month 13
    assert not id18_valid("990105194912310021")        # no such region
    assert id15_valid("110105491231002") and not id15_valid("110105491331002")


def test_id_found_with_full_width_digits_and_span_maps_to_original():
    full = ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    text = f"申请人身份证号：{full}，特此说明。"
    report = review_text(text=text)
    (finding,) = [f for f in report.pii if f.kind == "id_card"]
    assert text[finding.start:finding.end] == full == finding.text
    assert report.verdict == "block"


def test_numbers_failing_checks_are_not_personal_data():
    text = ("证书编号110105194912310023；统一社会信用代码91330106MA2H3B4C5X；本月共办理120件，"
            "金额13812345678元；订单号6222020000000000000；发文字号示政办发〔2024〕12号；邮编310006。")
    assert kinds(text) == []
    assert review_text(text=text).verdict == "pass"


def test_phones_cards_email_plate_address():
    text = ("联系手机138 1234 5678，家庭电话（0571）87654321，银行卡号6222 0200 0000 0000 000，"
            "邮箱zhang.san@qq.com，车牌号浙A12345，家庭住址：浙江省杭州市西湖区文三路90号3幢201室。")
    assert kinds(text) == [
        ("mobile", "138 1234 5678"), ("landline", "（0571）87654321"),
        ("bank_card", "6222 0200 0000 0000 000"), ("email", "zhang.san@qq.com"), ("plate", "浙A12345"),
        ("address", "浙江省杭州市西湖区文三路90号3幢201室")]
    assert luhn_valid("6222020000000000000") and not luhn_valid("6222020000000000001")


def test_card_number_needs_card_context():
    assert kinds("流水号6222020000000000000已登记。") == []
    assert kinds("收款账号6222020000000000000。") == [("bank_card", "6222020000000000000")]


def test_office_contacts_are_public_and_pass():
    report = review_text(text="咨询电话：0370-3288305，电子邮箱：gkb@shifan.gov.cn，地址：商丘市府前路1号。")
    assert [(f.kind, f.personal) for f in report.pii] == [("landline", False), ("email", False)]
    assert report.verdict == "pass"


@pytest.mark.parametrize("text,name", [
    ("姓名：张三 性别：男", "张三"),
    ("申请人：欧阳明月，联系电话见附件。", "欧阳明月"),
    ("村民张建国于2024年3月反映道路积水问题。", "张建国"),
    ("驾驶人汤海燕驾驶小型轿车违反交通信号灯通行。", "汤海燕"),
    ("经审核，李秀英（女，汉族）符合条件。", "李秀英"),
])
def test_person_names_personal(text, name):
    found = [(f.text, f.personal) for f in review_text(text=text).pii if f.kind == "person_name"]
    assert (name, True) in found


def test_name_lists_and_no_false_names():
    found = [f.text for f in review_text(text="经查，王小红、赵四等3人在河道内非法采砂。").pii]
    assert found == ["王小红", "赵四"]
    clean = "群众满意度明显提升，各行业主管部门要高度重视，方便群众和企业办事。经查，王某某已整改。"
    assert kinds(clean) == []


def test_officials_are_kept_and_publishing_passes():
    text = "副市长陈静出席会议并讲话，刘洋同志主持会议。联系人：王建华，电话0571-87051234。"
    report = review_text(text=text)
    assert [(f.text, f.personal) for f in report.pii if f.kind == "person_name"] == [
        ("陈静", False), ("刘洋", False), ("王建华", False)]
    assert report.verdict == "pass"
    assert deidentify(text) == text


def test_gongshi_names_public_by_context():
    text = "李建华，男，1978年5月出生，现任示范市财政局办公室主任，拟任示范市财政局副局长。"
    assert review_text(text=text).verdict == "warn"
    report = review_text(text=text, context="示范市市管干部任前公示")
    assert [(f.text, f.personal) for f in report.pii] == [("李建华", False)]
    assert report.verdict == "pass"


def test_deidentify_masks_per_kind():
    text = f"申请人张建国，身份证号{ID}，手机13812345678，家住浙江省杭州市西湖区文三路90号。副市长陈静出席。"
    assert deidentify(text) == ("申请人张**，身份证号1101**********002X，手机138****5678，"
                                "家住浙江省杭州市西湖区******。副市长陈静出席。")
    assert mask("id_card", "33010619900101123X") == "3301**********123X"
    assert mask("person_name", "欧阳明月") == "欧阳**"
    assert mask("email", "zhang@qq.com") == "z****@qq.com"
    assert mask("plate", "浙A12345") == "浙A****5"
    assert mask("bank_card", "6222020000000000000") == "6222***********0000"


def test_traditional_characters():
    report = review_text(text="機密★1年\n申請人張建國，身份證號11010519491231002X，家庭住址：浙江省杭州市西湖區文三路90號。")
    assert report.secrecy[0].text == "機密★1年"
    assert [(f.kind, f.text) for f in report.pii] == [
        ("person_name", "張建國"), ("id_card", "11010519491231002X"), ("address", "浙江省杭州市西湖區文三路90號")]
    assert review_text(text="為貫徹落實有關要求，澳門葡京賭場 葡京官網 博彩開戶 新葡京註冊\n請認真執行。").spam.is_spam
