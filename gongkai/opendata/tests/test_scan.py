"""The privacy scan: kinds as the review names them, exact row counts (a column flagged late is
recounted over the whole file), the masked example, and the CLI."""
import json

from django.core.management import call_command

from gongkai.opendata.scan import SAMPLE_ROWS, STRIDE, scan_file

from .conftest import CARD_OK, ID_OK, csv_bytes, luhn_ok


def test_helpers_are_valid_numbers():
    assert luhn_ok(CARD_OK)


def test_columns_flagged_with_kinds_counts_and_masked_sample(tmp_path):
    rows = [["姓名", "身份证号", "手机号码", "银行卡号", "电子邮箱", "站点", "AQI"]]
    for i in range(10):
        rows.append(["张伟" if i % 2 == 0 else "", ID_OK if i < 3 else "", "13812345678", CARD_OK if i == 0 else "",
                     "zhangwei@example.com" if i == 9 else "", f"监测站{i}", 50 + i])
    p = tmp_path / "t.csv"
    p.write_bytes(csv_bytes(rows))
    found = {f["column"]: f for f in scan_file(p, "csv")}
    assert set(found) == {"姓名", "身份证号", "手机号码", "银行卡号", "电子邮箱"}
    assert found["姓名"] == {"column": "姓名", "kinds": ["person_name"], "rows_hit": 5, "sample_masked": "张*"}
    assert found["身份证号"]["kinds"] == ["id_card"] and found["身份证号"]["rows_hit"] == 3
    assert found["身份证号"]["sample_masked"] == "1101**********002X"
    assert found["手机号码"]["rows_hit"] == 10 and found["手机号码"]["sample_masked"] == "138****5678"
    assert found["银行卡号"]["kinds"] == ["bank_card"] and found["银行卡号"]["rows_hit"] == 1
    assert found["电子邮箱"]["kinds"] == ["email"] and found["电子邮箱"]["rows_hit"] == 1


def test_a_column_flagged_after_the_sample_is_counted_exactly(tmp_path):
    # Mobiles only after the first SAMPLE_ROWS rows: found at a stride row, then recounted.
    first_stride = (SAMPLE_ROWS // STRIDE + 1) * STRIDE
    rows = [["序号", "备注"]]
    expected = 0
    for i in range(first_stride + 300):
        note = ""
        if i >= first_stride - 10 and i % 3 == 0:
            note, expected = "13912345678", expected + 1
        rows.append([i, note])
    p = tmp_path / "late.csv"
    p.write_bytes(csv_bytes(rows))
    found = scan_file(p, "csv")
    assert found == [{"column": "备注", "kinds": ["mobile"], "rows_hit": expected, "sample_masked": "139****5678"}]


def test_clean_file_flags_nothing(tmp_path):
    p = tmp_path / "c.csv"
    p.write_bytes(csv_bytes([["学校名称", "区县", "学生数"], ["示范市第一中学", "示范区", 1200],
                             ["示范市实验小学", "东区", 800]]))
    assert scan_file(p, "csv") == []


def test_cli_prints_json(tmp_path, capsys, db):
    p = tmp_path / "c.csv"
    p.write_bytes(csv_bytes([["申请人", "电话"], ["王芳", "13512345678"]], encoding="gbk"))
    call_command("opendata", "scan", str(p), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out == [{"column": "申请人", "kinds": ["person_name"], "rows_hit": 1, "sample_masked": "王*"},
                   {"column": "电话", "kinds": ["mobile"], "rows_hit": 1, "sample_masked": "135****5678"}]


def test_fast_shapes_agree_with_the_review_detectors():
    """The shortcut must give exactly what the detectors give, or the counts would not be exact."""
    import random

    from gongkai.opendata.scan import _Detector, fast_kinds
    from gongkai.opendata.demo import demo_id_number

    rng = random.Random(5)
    d = _Detector()
    values = [f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}" for _i in range(300)]
    values += [demo_id_number(rng) for _i in range(300)]
    values += [str(rng.randrange(10**6)) for _i in range(200)] + [f"{rng.uniform(0, 999):.2f}" for _i in range(100)]
    values += ["2026-03-01", "12:30", "-5", "1,234", "12345678901"[:10], "11010519491231002Y"]
    for header in ("手机号码", "身份证号", "数值", "备注"):
        for v in values:
            fast = fast_kinds(v)
            if fast is not None:
                assert fast == d.detect(header, v), (header, v)


def test_english_headers_give_the_detectors_their_label(tmp_path):
    rows = [["name", "Phone", "station"], ["张三", "13812345678", "监测站1"], ["李四", "", "监测站2"]]
    p = tmp_path / "en.csv"
    p.write_bytes(csv_bytes(rows))
    found = {f["column"]: f for f in scan_file(p, "csv")}
    assert set(found) == {"name", "Phone"}
    assert found["name"]["kinds"] == ["person_name"] and found["name"]["rows_hit"] == 2
