"""Reading tables: encodings (UTF-8, UTF-8 BOM, GBK), header cleaning, type inference on a sample."""
import io

import pytest

from gongkai.opendata.tabular import Table, TabularError, detect_encoding, infer_types, schema_detect


def write(tmp_path, data: bytes, name="t.csv"):
    p = tmp_path / name
    p.write_bytes(data)
    return p


ROWS = "站点,日期,AQI,PM2.5,邮编\n西湖站,2026-03-01,57,31.5,310012\n滨江站,2026/03/02,,12,010010\n"


@pytest.mark.parametrize("encoding, expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030")])
def test_encodings_are_detected_and_read(tmp_path, encoding, expected):
    p = write(tmp_path, ROWS.encode(encoding))
    assert detect_encoding(p) == expected
    with Table(p, "csv") as t:
        assert t.header == ["站点", "日期", "AQI", "PM2.5", "邮编"]  # no BOM left on the first name
        assert list(t.rows())[1][0] == "滨江站"


def test_gbk_file_larger_than_the_head_reads_to_the_end(tmp_path):
    body = "区县,名称\n" + "".join(f"示范区,第{i}号监测点\n" for i in range(40000))
    p = write(tmp_path, body.encode("gbk"))
    assert detect_encoding(p) == "gb18030"
    with Table(p, "csv") as t:
        rows = list(t.rows())
    assert len(rows) == 40000 and rows[-1] == ["示范区", "第39999号监测点"]


def test_undecodable_file_is_refused_in_chinese(tmp_path):
    p = write(tmp_path, b"a,b\n" + bytes(range(0x80, 0x100)) * 50)
    with pytest.raises(TabularError, match="编码"):
        Table(p, "csv")


def test_type_inference():
    header = ["整数", "数值", "日期", "编码", "文本", "空"]
    sample = [["1", "1.5", "2026-01-02", "0571", "甲", ""],
              ["-20", "3", "2026年1月3日", "0572", "乙", ""],
              ["", "1e3", "", "0573", "3", ""]]
    assert infer_types(header, sample) == ["integer", "number", "date", "text", "text", "text"]
    # 16+ digit numbers (ID-like) are codes, not integers
    assert infer_types(["x"], [["1234567890123456"]]) == ["text"]


def test_header_cleaning_and_short_rows(tmp_path):
    p = write(tmp_path, "名称,,名称\n甲\n乙,1,2,,\n".encode())
    with Table(p, "csv") as t:
        assert t.header == ["名称", "列2", "名称_2"]
        assert list(t.rows()) == [["甲", "", ""], ["乙", "1", "2"]]


def test_cells_beyond_the_header_are_refused(tmp_path):
    """An unheaded column would escape the DataStore and the privacy scan, yet go out with the file."""
    p = write(tmp_path, "学校,人数\n示范一中,1200\n示范二中,900,11010519491231002X\n".encode())
    with Table(p, "csv") as t, pytest.raises(TabularError, match="第 3 行的数据多于表头的 2 列") as exc:
        list(t.rows())
    assert "1101" not in str(exc.value)


def test_xlsx_schema(tmp_path):
    from openpyxl import Workbook
    import datetime as dt

    wb = Workbook()
    ws = wb.active
    ws.append(["学校", "日期", "人数"])
    ws.append(["示范一中", dt.datetime(2026, 3, 1), 1200])
    ws.append(["示范二中", dt.datetime(2026, 3, 2), 980.0])
    buf = io.BytesIO()
    wb.save(buf)
    p = write(tmp_path, buf.getvalue(), "t.xlsx")
    schema, _enc = schema_detect(p, "xlsx")
    assert [(c["name"], c["type"], c["column"]) for c in schema] == [
        ("学校", "text", "c1"), ("日期", "date", "c2"), ("人数", "integer", "c3")]
