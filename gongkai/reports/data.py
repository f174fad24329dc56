"""The figures of one annual report, whether computed from data or read from a published file."""
from dataclasses import dataclass, field

from . import template as t


# What each kind of finding is called where a person reads it (the rule names stay in the JSON).
RULE_LABELS = {
    "balance": "收支勾稽（一＋二＝三（七）＋四）",
    "detail_sum": "办理结果合计",
    "row_total": "行合计",
    "review_litigation_total": "复议诉讼合计",
    "carry_over": "上年结转衔接",
    "missing_data": "数据缺失",
    "parse": "读取说明",
    "prose_mismatch": "正文与表格不一致",
}


@dataclass
class Finding:
    rule: str
    severity: str            # "error", "warning" or "info"
    row: str | None
    column: str | None
    message: str

    @property
    def label(self) -> str:
        return RULE_LABELS.get(self.rule, "检查提示")

    def to_dict(self) -> dict:
        return {"rule": self.rule, "label": self.label, "severity": self.severity, "row": self.row,
                "column": self.column, "message": self.message}


@dataclass
class ReportData:
    year: int | None = None
    format: str = t.FORMAT_2021
    applications: dict = field(default_factory=t.empty_applications)
    table_a: dict = field(default_factory=dict)     # {row_key: {field: number|None}}
    table_c: dict = field(default_factory=t.empty_table_c)
    findings: list = field(default_factory=list)    # findings made while reading (parser)
    ambiguous: list = field(default_factory=list)   # run-together rows with several readings (parser)
    prose: dict = field(default_factory=dict)       # figures stated in the text (parser)
    blank_rows: set = field(default_factory=set)    # rows printed with every cell blank (parser)

    def to_dict(self) -> dict:
        return {"year": self.year, "format": self.format, "applications": self.applications,
                "table_a": self.table_a, "table_c": self.table_c}

    @classmethod
    def from_dict(cls, d: dict) -> "ReportData":
        apps = t.empty_applications()
        for r, cols in (d.get("applications") or {}).items():
            if r in apps and isinstance(cols, dict):
                for c, v in cols.items():
                    if c in apps[r]:
                        apps[r][c] = sane_number(v)
        table_c = t.empty_table_c()
        table_c.update({k: sane_number(v) for k, v in (d.get("table_c") or {}).items() if k in table_c})
        table_a = {row: {f: sane_number(v) for f, v in fields.items()}
                   for row, fields in (d.get("table_a") or {}).items() if isinstance(fields, dict)}
        return cls(year=d.get("year"), format=d.get("format") or t.FORMAT_2021, applications=apps,
                   table_a=table_a, table_c=table_c)


MAX_NUMBER = 10**12


def sane_number(value):
    """A stored figure as it may be shown and summed: a finite number within bounds, else None.

    A value stored before figures were bounded (Infinity or NaN in a SQLite JSON column, 1e400)
    reads as a blank, never as an error on a page."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value if value is None or isinstance(value, str) else None
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return value if -MAX_NUMBER <= value <= MAX_NUMBER else None
