"""The report as HTML: the public page's body (no links) or the console view (figures linked)."""
from django.template.loader import render_to_string

from .. import template as t
from ..data import ReportData
from .layout import table_a_layout, table_b_layout, table_c_layout


def _paragraphs(text):
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def _link(rows, link_for):
    out = []
    for row in rows:
        new = []
        for cell in row:
            d = dict(cell.__dict__)
            d["link"] = link_for(cell.ref) if (link_for and cell.ref) else ""
            new.append(d)
        out.append(new)
    return out


def render_report_html(*, data: ReportData, overview="", problems="", other_matters="", link_for=None) -> str:
    """Return the six sections as HTML. `link_for(ref)` gives a URL per figure (console only)."""
    return render_to_string("reports/_report_body.html", {
        "sections": [label for _k, label in t.SECTIONS],
        "overview_paragraphs": _paragraphs(overview),
        "problems_paragraphs": _paragraphs(problems),
        "other_paragraphs": _paragraphs(other_matters),
        "table_a": _link(table_a_layout(data.table_a, data.format), link_for),
        "table_b": _link(table_b_layout(data.applications, data.format), link_for),
        "table_c": _link(table_c_layout(data.table_c), link_for),
    })
