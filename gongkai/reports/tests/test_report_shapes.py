"""Small hand-written reports, one per shape real sites publish (the real pages are measured by
bench/realworld_reports.py; these keep each shape working)."""
from gongkai.reports import template as t
from gongkai.reports.verdict import check_result
from gongkai.reports.parser import report_parse

HEAD = ("示范镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n2024年，本镇依法做好政府信息公开工作。\n"
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n")
B_HEAD = ("三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
          "申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n")
C_PART = ("四、政府信息公开行政复议、行政诉讼情况\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
          "五、存在的主要问题及改进情况\n无。\n")

# A balanced table: 一 6 + 二 1 = （七） 6 + 四 1; （一）4 + （二）1 + （四）1 1 = 6.
VALUES = {"new": [5, 1, 0, 0, 0, 0, 6], "carried_over": [1, 0, 0, 0, 0, 0, 1],
          "granted": [3, 1, 0, 0, 0, 0, 4], "partial": [1, 0, 0, 0, 0, 0, 1],
          "unavailable_1": [1, 0, 0, 0, 0, 0, 1], "total": [5, 1, 0, 0, 0, 0, 6],
          "carry_next": [1, 0, 0, 0, 0, 0, 1]}


def printed_rows(values=VALUES):
    """(label, seven values) in print order; group headings ride on their first row's label."""
    out = []
    for row in t.ROWS:
        label = row.label
        if row.key == "granted":
            label = "三、本年度办理结果" + label
        for group in t.GROUPS:
            if group.rows[0] == row.key:
                label = group.label + label
        out.append((label, values.get(row.key, [0] * 7)))
    return out


def parse(text):
    data = report_parse(name="report.txt", data=text.encode("utf-8"))
    return data, check_result(data=data)


def figures(data):
    return [data.applications[k]["total"] for k in ("new", "carried_over", "total", "carry_next")]


def test_whole_report_on_one_line_with_cells_run_together():
    body = "".join(label + "".join(map(str, vals)) for label, vals in printed_rows())
    text = (HEAD + B_HEAD + body + C_PART).replace("\n", "")  # crawler field: no line breaks at all
    data, res = parse(text)
    assert data.year == 2024 and data.format == "2021"
    assert figures(data) == [6, 1, 6, 1]
    assert [data.applications["granted"][c] for c in t.COLUMN_KEYS] == [3, 1, 0, 0, 0, 0, 4]
    assert res["verdict"]["consistent"] is True
    assert res["ambiguous"] == []


def test_item_number_glued_to_the_previous_rows_digits():
    """`…信息10000016.属于…`: the 6 is the next item's number, not a cell."""
    vals = dict(VALUES, withheld_5=[1, 0, 0, 0, 0, 0, 1], granted=[2, 1, 0, 0, 0, 0, 3])
    body = "".join(label + "".join(map(str, v)) for label, v in printed_rows(vals))
    data, res = parse((HEAD + B_HEAD + body + C_PART).replace("\n", ""))
    assert data.applications["withheld_5"]["total"] == 1
    assert data.applications["withheld_6"]["total"] == 0
    assert res["verdict"]["consistent"] is True


def test_run_together_split_with_two_readings_is_reported_with_its_candidates():
    # 112000013 reads 1|12|…|13 or 11|2|…|13 in both rows: the column sums cannot choose.
    vals = dict(VALUES, new=[11, 2, 0, 0, 0, 0, 13], carried_over=[0] * 7, granted=[11, 2, 0, 0, 0, 0, 13],
                partial=[0] * 7, unavailable_1=[0] * 7, total=[11, 2, 0, 0, 0, 0, 13], carry_next=[0] * 7)
    body = "".join(label + "".join(map(str, v)) for label, v in printed_rows(vals))
    data, res = parse((HEAD + B_HEAD + body + C_PART).replace("\n", ""))
    open_rows = {a["row"]: a for a in res["ambiguous"] if not a["settled"]}
    assert set(open_rows) == {"new", "granted", "total"}
    assert sorted(open_rows["new"]["candidates"]) == [[1, 12, 0, 0, 0, 0, 13], [11, 2, 0, 0, 0, 0, 13]]
    assert data.applications["new"]["natural_person"] is None  # never guessed
    assert figures(data) == [13, 0, 13, 0]  # the 总计 is the same in every reading
    assert any("无法确定" in f["message"] for f in res["findings"] if f["row"] == "new")


def test_run_together_row_that_cannot_add_up_is_read_by_the_column_sums_and_fails():
    # （七）总计 printed as 20000011: 自然人 2 although the column gives 11 -> inconsistent.
    vals = dict(VALUES, new=[11, 0, 0, 0, 0, 0, 11], carried_over=[0] * 7, granted=[11, 0, 0, 0, 0, 0, 11],
                partial=[0] * 7, unavailable_1=[0] * 7, total=[2, 0, 0, 0, 0, 0, 11], carry_next=[0] * 7)
    body = "".join(label + "".join(map(str, v)) for label, v in printed_rows(vals))
    data, res = parse((HEAD + B_HEAD + body + C_PART).replace("\n", ""))
    assert [data.applications["total"][c] for c in t.COLUMN_KEYS] == [2, 0, 0, 0, 0, 0, 11]
    assert [data.applications["new"][c] for c in t.COLUMN_KEYS] == [11, 0, 0, 0, 0, 0, 11]
    assert res["verdict"]["consistent"] is False
    assert {f["rule"] for f in res["findings"] if f["severity"] == "error"} >= {"balance", "row_total"}


def test_empty_cells_that_vanished_with_their_separators():
    # 一、…数量22 = 自然人 2 + 总计 2 with blank legal-person cells; 二 and 四 printed blank.
    text = (HEAD + B_HEAD + "一、本年新收政府信息公开申请数量22二、上年结转政府信息公开申请数量三、本年度办理结果"
            "（一）予以公开22（二）部分公开（七）总计22四、结转下年度继续办理" + C_PART).replace("\n", "")
    data, res = parse(text)
    assert figures(data) == [2, None, 2, None]
    assert data.applications["new"]["natural_person"] is None  # which column holds the 2 is not printed
    assert res["verdict"]["consistent"] is None and "上年结转" in res["verdict"]["reason"]


def test_one_cell_per_line():
    body = "\n\n".join(f"{label}\n\n" + "\n\n".join(map(str, vals)) for label, vals in printed_rows())
    data, res = parse(HEAD + B_HEAD + body + "\n" + C_PART)
    assert figures(data) == [6, 1, 6, 1]
    assert res["verdict"]["consistent"] is True


def test_pipes_with_blank_cells_and_lone_bar_lines():
    lines = []
    for label, vals in printed_rows():
        cells = [str(v) if v else "" for v in vals]
        lines += ["|", f"{label} |"] + [f"{c} |" if c else "|" for c in cells]
    data, res = parse(HEAD + B_HEAD + "\n".join(lines) + "\n" + C_PART)
    assert figures(data) == [6, 1, 6, 1]
    assert data.applications["withheld_1"]["total"] is None and "withheld_1" in data.blank_rows
    assert res["verdict"]["consistent"] is True  # blank rows hold no case and leave the sums alone


def test_blank_total_cell_is_missing_not_zero():
    text = HEAD + B_HEAD + "一、本年新收政府信息公开申请数量 | 18 |  |  |  |  |  |  |\n" + C_PART
    data, res = parse(text)
    assert data.applications["new"]["total"] is None
    assert any(f["row"] == "new" and "总计栏为空" in f["message"] for f in res["findings"])


def test_statistics_only_in_prose():
    text = ("厚桥街道2023年政府信息公开工作年度报告\n一、总体情况\n2023年度本街道收到政府信息公开申请一件，已办理完毕。"
            "通过网站办理并答复信息公开申请3件、纸质申请4件，顺延至下一年答复2件。因信息公开引起的行政复议31件。\n")
    data, res = parse(text)
    assert data.year == 2023 and data.format is None
    assert figures(data) == [1, None, 7, 2]  # 复议 31 is not an application figure
    assert res["verdict"]["consistent"] is None


def test_prose_breakdown_completes_a_cut_table_and_prose_table_mismatch_is_a_finding():
    rows = printed_rows()[:2]
    table = "\n".join(f"{label} " + " ".join(map(str, v)) for label, v in rows)
    prose = ("2024年共收到政府信息公开申请6件。其中，予以公开4件，部分公开1件，本机关不掌握相关政府信息1件。"
             "转下一年度办理的有1件。")
    cut = "\n三、本年度办理结果\n（一）予以"  # the page stops inside the next label
    data, res = parse(HEAD + B_HEAD.replace("申请人情况", prose + "\n申请人情况") + table + cut)
    assert figures(data) == [6, 1, 6, 1]
    assert res["verdict"]["consistent"] is True
    # cut right after a number: that number may be cut short, so its row is not read
    data, res = parse(HEAD + B_HEAD + table)
    assert data.applications["carried_over"]["total"] is None
    assert any("可能不完整" in f["message"] for f in res["findings"])
    data, res = parse(HEAD + "2024年受理政府信息公开申请17件。\n" + B_HEAD + table + "\n")
    assert any(f["rule"] == "prose_mismatch" and f["label"] == "正文与表格不一致" for f in res["findings"])


def test_empty_skeleton_is_missing_data_never_zeros():
    body = "\n\n".join(label for label, _v in printed_rows())
    data, res = parse(HEAD + B_HEAD + body + "\n")
    assert all(v is None for r in data.applications.values() for v in r.values())
    assert res["verdict"]["consistent"] is None and not res["ok"]
    assert any(f["rule"] == "missing_data" and f["severity"] == "error" for f in res["findings"])


def test_traditional_characters_with_pinyin_glosses_and_noise():
    body = "\n".join(f"{label} | " + " | ".join(map(str, v)) + " |" for label, v in printed_rows())
    body = (body.replace("申请", "申請(qǐng)").replace("数量", "數(shù)量").replace("| 0 |", "| ? 0 |"))
    data, res = parse(HEAD.replace("报告", "報(bào)告") + B_HEAD + body + "\n" + C_PART)
    assert data.year == 2024
    assert figures(data) == [6, 1, 6, 1]


def test_pdf_layout_text_with_page_break_and_shredded_row_labels():
    lines = []
    for i, (label, vals) in enumerate(printed_rows()):
        side = "三、本年度办理结果"[i % 9] if 2 <= i < 11 else ""  # a rowspan label one character per line
        lines.append(f"{side:<6}{label:<40}" + "    ".join(map(str, vals)))
        if i == 12:
            lines.append("                         -3-\f")
    data, res = parse(HEAD + B_HEAD + "\n".join(lines) + "\n" + C_PART)
    assert figures(data) == [6, 1, 6, 1]
    assert res["verdict"]["consistent"] is True


def test_markdown_fragments_with_the_label_column_printed_apart():
    """Value rows without labels belong to the labels still waiting, in order (PDF-to-markdown)."""
    md = ["| 一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |",
          "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
          "| 三、 | （一）予以公开 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |",
          "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "|---|---|---|---|---|---|---|",
          "（三）不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开"]
    md += ["| 0 | 0 | 0 | 0 | 0 | 0 | 0 |"] * 2
    for label, vals in printed_rows()[6:]:
        md.append(f"| {label} | " + " | ".join(map(str, vals)) + " |")
    data, res = parse(HEAD + B_HEAD + "\n".join(md) + "\n" + C_PART)
    assert data.applications["partial"]["total"] == 1
    assert data.applications["withheld_2"]["total"] == 0
    assert figures(data) == [6, 1, 6, 1]
    assert res["verdict"]["consistent"] is True


def test_2019_format_is_named_by_table_a():
    head = HEAD.replace("本年制发件数 本年废止件数 现行有效件数", "本年新制作数量 本年新公开数量 对外公开总数量")
    rows = [(lbl, v) for lbl, v in printed_rows() if "申请人" not in lbl]
    body = "\n".join(f"{label} " + " ".join(map(str, v)) for label, v in rows
                     if not label.startswith(("1.申请人", "2.申请人")))
    body = body.replace("（六）其他处理3.其他", "（六）其他处理")
    data, res = parse(head.replace("2024", "2019") + B_HEAD + body + "\n" + C_PART)
    assert data.format == "2019"
    assert figures(data) == [6, 1, 6, 1]
    assert res["verdict"]["consistent"] is True


def test_row_per_line_with_digits_glued_to_the_label():
    body = "\n".join(label + "".join(map(str, vals)) for label, vals in printed_rows())
    data, res = parse(HEAD + B_HEAD + body + "\n" + C_PART)
    assert figures(data) == [6, 1, 6, 1] and res["verdict"]["consistent"] is True
    # a short glued run is a row whose empty cells vanished, not one number in 自然人 and 总计
    data, res = parse(HEAD + B_HEAD + "一、本年新收政府信息公开申请数量33\n（一）予以公开5\n" + C_PART)
    assert data.applications["new"]["total"] == 3 and data.applications["new"]["natural_person"] is None
    assert data.applications["granted"]["total"] is None


def test_pdf_content_stream_order_rows_printed_column_by_column():
    """Values of several rows come one per line, column by column, their labels after them."""
    rows = printed_rows()
    head = "\n".join(f"{label}\n" + "\n".join(map(str, vals)) for label, vals in rows[:4])  # 一 … （二）
    block = rows[4:13]  # （三）1-8 and （四）1: 9 rows, printed column by column right after （二）'s values
    column_major = [str(vals[c]) for c in range(7) for _label, vals in block]
    tail = "\n".join(f"{label}\n" + "\n".join(map(str, vals)) for label, vals in rows[13:])
    body = head + "\n" + "\n".join(column_major) + "\n" + "\n".join(label for label, _v in block) + "\n" + tail
    data, res = parse(HEAD + B_HEAD + body + "\n" + C_PART)
    assert data.applications["unavailable_1"]["total"] == 1
    assert data.applications["withheld_1"]["total"] == 0
    assert figures(data) == [6, 1, 6, 1]
    assert res["verdict"]["consistent"] is True
