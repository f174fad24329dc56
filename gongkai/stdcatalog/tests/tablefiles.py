"""Generated 标准目录 tables in the shapes counties publish (written here; no real file is copied)."""
import io

HEAD1 = ["序号", "公开事项", "公开事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
         "公开对象", "公开对象", "公开方式", "公开方式", "公开层级", "公开层级"]
HEAD2 = ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
         "全社会", "特定群体", "主动", "依申请", "县级", "乡级"]
ROWS = [
    ["1", "政策文件", "法律法规", "与本领域有关的法律、法规、规章", "《中华人民共和国政府信息公开条例》",
     "自信息形成或者变更之日起20个工作日内", "县级主管部门", "■政府网站 ■公开查阅点", "√", "", "√", "", "√", ""],
    ["2", "政策文件", "本级规范性文件", "本级制定的规范性文件及解读", "《中华人民共和国政府信息公开条例》",
     "自信息形成或者变更之日起20个工作日内", "县级主管部门", "政府网站、政务新媒体", "√", "", "√", "", "√", "√"],
    ["3", "办理结果", "", "审批结果（名称、对象、日期）", "《某某管理办法》", "办结后7个工作日内", "乡镇人民政府",
     "公开栏", "", "√", "", "√", "", "√"],
]


def xlsx_bytes(*, title="示例县义务教育领域基层政务公开标准目录", rows=ROWS, sheet="Sheet1", merge=True) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append([title] + [None] * 13)
    ws.append([HEAD1[0], HEAD1[1], None, HEAD1[3], HEAD1[4], HEAD1[5], HEAD1[6], HEAD1[7], HEAD1[8], None, HEAD1[10],
               None, HEAD1[12], None])
    ws.append([None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请",
               "县级", "乡级"])
    for r in rows:
        ws.append(list(r))
    if merge:
        ws.merge_cells("A1:N1")
        ws.merge_cells("B2:C2")
        for col in "ADEFGH":
            ws.merge_cells(f"{col}2:{col}3")
        ws.merge_cells("I2:J2")
        ws.merge_cells("K2:L2")
        ws.merge_cells("M2:N2")
        ws["B5"] = None  # 一级事项 merged down over its 二级事项
        ws.merge_cells("B4:B5")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes(*, heading="二、户籍管理领域", rows=ROWS) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(heading)
    table = document.add_table(rows=2 + len(rows), cols=14)
    for c, text in enumerate(HEAD2):
        table.cell(1, c).text = text
    for c, text in enumerate(HEAD1):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, start=2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for c in (0, 3, 4, 5, 6, 7):
        table.cell(1, c).text = ""
        table.cell(0, c).merge(table.cell(1, c))
    for a, b in ((1, 2), (8, 9), (10, 11), (12, 13)):
        table.cell(0, b).text = ""
        table.cell(0, a).merge(table.cell(0, b))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def csv_bytes(*, encoding="utf-8", rows=ROWS) -> bytes:
    head = ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象",
            "公开方式", "公开层级"]
    lines = [",".join(head)]
    for r in rows:
        audience = "全社会" if r[8] else "特定群体"
        mode = "主动" if r[10] else "依申请"
        levels = "、".join(x for x, t in (("县级", r[12]), ("乡级", r[13])) if t)
        cells = r[:8] + [audience, mode, levels]
        lines.append(",".join(f'"{c}"' for c in cells))
    return ("\n".join(lines) + "\n").encode(encoding)
