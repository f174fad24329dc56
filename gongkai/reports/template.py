"""The single definition of the annual report formats.

2021 format: 国办公开办函〔2021〕30号 (RULES.md §2). 2019 trial format: 国办公开办函〔2019〕60号, used for
the 2019 and 2020 reports (see docs/ANNUAL_REPORT.md for what is known of it and what is not).
Every other module (computation, checker, parser, renderers) reads the layout from here.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
FORMATS = (FORMAT_2021, FORMAT_2019)

SECTIONS = [
    ("overview", "一、总体情况"),
    ("active", "二、主动公开政府信息情况"),
    ("applications", "三、收到和处理政府信息公开申请情况"),
    ("appeals", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
]

# --- Table B: 三、收到和处理政府信息公开申请情况 -------------------------------------------------------

COLUMNS = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
]
COLUMN_KEYS = [k for k, _l in COLUMNS]
APPLICANT_COLUMNS = COLUMN_KEYS[:6]
BALANCE_RULE_TEXT = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class Row:
    key: str
    label: str          # exactly as printed in the template
    group: str = ""     # "" for 一/二/四 and (一)(二)(七); else the (三)…(六) group key
    aliases: tuple = ()  # other printed forms seen in published reports


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    rows: tuple


ROWS = [
    Row("new", "一、本年新收政府信息公开申请数量"),
    Row("carried_over", "二、上年结转政府信息公开申请数量"),
    Row("granted", "（一）予以公开", "result"),
    Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "result", ("部分公开",)),
    Row("withheld_1", "1.属于国家秘密", "withheld"),
    Row("withheld_2", "2.其他法律行政法规禁止公开", "withheld"),
    Row("withheld_3", "3.危及“三安全一稳定”", "withheld", ("危及三安全一稳定",)),
    Row("withheld_4", "4.保护第三方合法权益", "withheld"),
    Row("withheld_5", "5.属于三类内部事务信息", "withheld"),
    Row("withheld_6", "6.属于四类过程性信息", "withheld"),
    Row("withheld_7", "7.属于行政执法案卷", "withheld"),
    Row("withheld_8", "8.属于行政查询事项", "withheld"),
    Row("unavailable_1", "1.本机关不掌握相关政府信息", "unavailable"),
    Row("unavailable_2", "2.没有现成信息需要另行制作", "unavailable"),
    Row("unavailable_3", "3.补正后申请内容仍不明确", "unavailable"),
    Row("not_processed_1", "1.信访举报投诉类申请", "not_processed"),
    Row("not_processed_2", "2.重复申请", "not_processed"),
    Row("not_processed_3", "3.要求提供公开出版物", "not_processed"),
    Row("not_processed_4", "4.无正当理由大量反复申请", "not_processed"),
    Row("not_processed_5", "5.要求行政机关确认或重新出具已获取信息", "not_processed"),
    Row("other_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other",
        ("逾期不补正",)),
    Row("other_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other",
        ("逾期未缴费", "逾期未按收费通知要求缴纳费用")),
    Row("other_3", "3.其他", "other"),
    Row("total", "（七）总计", "result"),
    Row("carry_next", "四、结转下年度继续办理", "", ("结转下年度",)),
]
ROW_KEYS = [r.key for r in ROWS]
ROW_BY_KEY = {r.key: r for r in ROWS}
RESULTS_LABEL = "三、本年度办理结果"

GROUPS = [
    Group("withheld", "（三）不予公开", tuple(f"withheld_{i}" for i in range(1, 9))),
    Group("unavailable", "（四）无法提供", tuple(f"unavailable_{i}" for i in range(1, 4))),
    Group("not_processed", "（五）不予处理", tuple(f"not_processed_{i}" for i in range(1, 6))),
    Group("other", "（六）其他处理", ("other_1", "other_2", "other_3")),
]
GROUP_BY_KEY = {g.key: g for g in GROUPS}

# Rows whose sum is （七）总计 (rule 2 of RULES.md §2.5).
DETAIL_ROWS = ["granted", "partial"] + [k for g in GROUPS for k in g.rows]
# Rows that hold a case: each case closed in the year lands in exactly one of these.
RESULT_ROWS = DETAIL_ROWS

# 2019 trial format: （六）其他处理 is one row without sub-rows. Its value is carried in `other_3`;
# `other_1` and `other_2` are null (the format does not have them).
ROWS_2019 = [k for k in ROW_KEYS if k not in ("other_1", "other_2")]
OTHER_2019_LABEL = "（六）其他处理"


def rows_for_format(fmt: str) -> list:
    """Return the Table B row keys present in `fmt`."""
    return ROWS_2019 if fmt == FORMAT_2019 else ROW_KEYS


# --- Table C: 四、政府信息公开行政复议、行政诉讼情况 ------------------------------------------------------

APPEAL_GROUPS = [
    ("reconsideration", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after", "复议后起诉"),
]
APPEAL_RESULTS = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
]
TABLE_C_COLUMNS = [f"{g}_{r}" for g, _gl in APPEAL_GROUPS for r, _rl in APPEAL_RESULTS]
TABLE_C_LABELS = {f"{g}_{r}": f"{gl}·{rl}" for g, gl in APPEAL_GROUPS for r, rl in APPEAL_RESULTS}
LITIGATION_LABEL = "行政诉讼"

# --- Table A: 二、主动公开政府信息情况 ----------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    caption: str
    headers: tuple      # column headers after 信息内容
    rows: tuple         # (key, label)
    fields: tuple       # value keys, one per header


TABLE_A_2021 = [
    Block("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
          (("regulation", "规章"), ("normative", "行政规范性文件")), ("issued", "abolished", "valid")),
    Block("第二十条第（五）项", ("本年处理决定数量",), (("license", "行政许可"),), ("decisions",)),
    Block("第二十条第（六）项", ("本年处理决定数量",), (("penalty", "行政处罚"), ("coercion", "行政强制")),
          ("decisions",)),
    Block("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("fee", "行政事业性收费"),), ("amount",)),
]

# From published 2019 and 2020 reports (the 60号 text itself was not available; see the docs).
TABLE_A_2019 = [
    Block("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
          (("regulation", "规章"), ("normative", "规范性文件")), ("made", "published", "total")),
    Block("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
          (("license", "行政许可"), ("other_service", "其他对外管理服务事项")),
          ("previous", "change", "decisions")),
    Block("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
          (("penalty", "行政处罚"), ("coercion", "行政强制")), ("previous", "change", "decisions")),
    Block("第二十条第（八）项", ("上一年项目数量", "本年增/减"), (("fee", "行政事业性收费"),),
          ("previous", "change")),
    Block("第二十条第（九）项", ("采购项目数量", "采购总金额"), (("procurement", "政府集中采购"),),
          ("count", "amount")),
]


def table_a_for_format(fmt: str) -> list:
    return TABLE_A_2019 if fmt == FORMAT_2019 else TABLE_A_2021


# Manually entered figures of Table A (2021): they come from other systems.
MANUAL_FIGURES = [
    ("license", _("行政许可处理决定数量")),
    ("penalty", _("行政处罚处理决定数量")),
    ("coercion", _("行政强制处理决定数量")),
    ("fee", _("行政事业性收费金额（万元）")),
]
MANUAL_KEYS = [k for k, _l in MANUAL_FIGURES]
MANUAL_LABEL_TO_KEY = {"行政许可": "license", "行政处罚": "penalty", "行政强制": "coercion",
                       "行政事业性收费": "fee"}


def empty_applications() -> dict:
    """A Table B of nulls: {row: {column: None}}."""
    return {r: {c: None for c in COLUMN_KEYS} for r in ROW_KEYS}


def zero_applications() -> dict:
    return {r: {c: 0 for c in COLUMN_KEYS} for r in ROW_KEYS}


def empty_table_c() -> dict:
    return {c: None for c in TABLE_C_COLUMNS}


def zero_table_c() -> dict:
    return {c: 0 for c in TABLE_C_COLUMNS}


def deadline_for(kind: str, year: int):
    """Return the publication deadline (条例 Art. 49) of the report on `year` for an agency kind."""
    import datetime as dt

    if kind == "government":
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)
