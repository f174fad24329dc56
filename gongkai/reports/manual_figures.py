"""Table A figures that come from other systems (行政许可, 行政处罚, 行政强制, 行政事业性收费): entered one
by one with their source, or imported from a CSV/XLSX checked whole before anything is saved."""
import csv
import io

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.core.errors import UserFacingError

from . import template as t
from .figures import figure_parse
from .models import ManualFigure
from .transitions import EDIT_ROLES


@transaction.atomic
def manual_figure_set(*, agency, year: int, key: str, value, source: str, actor,
                      imported_from: str = "") -> ManualFigure:
    """Enter one Table A figure that comes from another system, with its source."""
    role_require(user=actor, agency=agency, roles=EDIT_ROLES)
    if key not in t.MANUAL_KEYS:
        raise UserFacingError(_("未知的统计项目：%(key)s") % {"key": key})
    value = figure_parse(key, value)  # bounds: finite, non-negative, in range, integer counts
    source = (source or "").strip()
    if not source:
        raise UserFacingError(_("请注明数据来源。"))
    try:
        with transaction.atomic():
            ManualFigure.objects.get_or_create(agency=agency, year=year, key=key,
                                               defaults={"value": value, "source": source[:200]})
    except IntegrityError:
        pass
    fig = ManualFigure.objects.select_for_update().get(agency=agency, year=year, key=key)
    old = str(fig.value) if fig.value is not None else "无效数值"
    fig.value, fig.source, fig.imported_from = value, source[:200], imported_from[:255]
    fig.entered_by = actor if actor and actor.pk else None
    fig.save()
    audit_record(actor=actor, action="report.figure", obj=fig, agency_id=agency.pk,
                 data={"year": year, "key": key, "from": old, "to": str(value), "source": source})
    return fig


def _rows_from_upload(name: str, data: bytes) -> list:
    lower = name.lower()
    if lower.endswith(".xlsx"):
        from gongkai.core.officezip import xlsx_open

        wb = xlsx_open(data)  # the project's safe opener: bombs, XML entities in every part
        ws = wb.worksheets[0]
        return [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    if lower.endswith(".csv"):
        from .parser.extract import decode_text

        return list(csv.reader(io.StringIO(decode_text(data))))
    raise UserFacingError(_("只支持 CSV 或 Excel（.xlsx）文件。"))


@transaction.atomic
def manual_figures_import(*, agency, year: int, name: str, data: bytes, actor) -> list:
    """Import figures from a CSV/XLSX with columns 项目, 数值, 来源 (a header row is allowed).

    Every row is checked first; nothing is saved when any row is wrong.
    """
    from gongkai.core.text import normalize

    role_require(user=actor, agency=agency, roles=EDIT_ROLES)
    if len(data) > 5 * 1024 * 1024:
        raise UserFacingError(_("文件超过5MB。"))
    rows = _rows_from_upload(name, data)
    parsed, errors = [], []
    for i, row in enumerate(rows, start=1):
        cells = [normalize(c or "").strip() for c in row]
        if not any(cells):
            continue
        label = cells[0].replace(" ", "")
        if i == 1 and label in ("项目", "统计项目", "信息内容"):
            continue
        key = next((k for lbl, k in t.MANUAL_LABEL_TO_KEY.items() if label.startswith(lbl)), None)
        if key is None:
            errors.append(_("第%(n)s行：无法识别的项目“%(label)s”（应为行政许可、行政处罚、行政强制或行政事业性收费）。")
                          % {"n": i, "label": cells[0]})
            continue
        value = cells[1] if len(cells) > 1 else ""
        source = cells[2] if len(cells) > 2 and cells[2] else name
        try:
            value = figure_parse(key, value)
        except UserFacingError as exc:
            errors.append(_("第%(n)s行：%(error)s") % {"n": i, "error": exc.message})
            continue
        parsed.append((key, value, source))
    if errors:
        raise UserFacingError("\n".join(errors))
    if not parsed:
        raise UserFacingError(_("文件中没有可导入的数据。"))
    return [manual_figure_set(agency=agency, year=year, key=k, value=v, source=s, actor=actor,
                              imported_from=name) for k, v, s in parsed]
