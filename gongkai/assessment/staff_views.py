"""The 测评 dashboard (read from snapshots), the records behind one figure, the .xlsx export, the
recompute button (公开办/管理员) and the indicator editor (管理员)."""
import datetime as dt
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.core.errors import UserFacingError
from gongkai.core.params import int_param

from .charts import bars_svg, trend_svg
from .engine import UNAVAILABLE
from .models import Direction, Display, Indicator
from .selectors import dashboard, export_rows, snapshot_for_user, viewer_agency_ids
from .services import COMPUTE_ROLES, indicator_update, snapshot_compute


def _month(request):
    text = (request.GET.get("month") or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text + "-01" if len(text) == 7 else text)
    except ValueError:
        raise Http404


def _fmt(s, ind):
    if s is None:
        return "未计算"
    if s.error:
        return s.error
    if s.value is None:
        return "无数据"
    v = s.value
    return (f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}") + ind.unit


@login_required
def dashboard_view(request):
    if not viewer_agency_ids(user=request.user):
        return render(request, "console/denied.html", {"message": "只有公开办、管理员和评估人员可以查看测评。"}, status=403)
    agency_id = int_param(request.GET.get("agency"), name="agency", default=None)
    data = dashboard(user=request.user, month=_month(request), agency_id=agency_id)
    focus = int_param(request.GET.get("indicator"), name="indicator", default=None)
    indicators = data["indicators"]
    focus_ind = next((i for i in indicators if i.pk == focus), indicators[0] if indicators else None)
    rows = []
    for ind in indicators:
        cells = data["cells"][ind.pk]
        whole = cells.get(None)
        scope = cells.get(agency_id) if agency_id else whole
        rows.append({"ind": ind, "whole": whole, "whole_text": _fmt(whole, ind), "scope": scope,
                     "scope_text": _fmt(scope, ind),
                     "chart": mark_safe(trend_svg(title=f"{ind.name}近12个月趋势", months=data["trend_months"],
                                                  values=data["trend"].get(ind.pk, {}), threshold=ind.threshold,
                                                  unit=ind.unit))})
    bars = ""
    if focus_ind is not None:
        cells = data["cells"][focus_ind.pk]
        bars = mark_safe(bars_svg(title=f"{focus_ind.name}（各机关）", threshold=focus_ind.threshold, unit=focus_ind.unit,
                                  rows=[(a.name, getattr(cells.get(a.pk), "value", None)) for a in data["agencies"]]))
    can_compute = bool(agency_ids_for_user(user=request.user, roles=COMPUTE_ROLES))
    return render(request, "assessment/dashboard.html", {
        **data, "rows": rows, "focus": focus_ind, "bars": bars, "can_compute": can_compute,
        "agency_rows": [(a, data["scores"].get(a.pk)) for a in data["agencies"]], "unavailable": UNAVAILABLE,
        "whole_score": data["scores"].get(None),
        "is_admin": request.user.is_superuser or bool(agency_ids_for_user(user=request.user, roles={Role.ADMIN}))})


@login_required
def snapshot_view(request, pk):
    s = snapshot_for_user(user=request.user, pk=pk)
    # A rule gives (label, url) or, in some apps, (label, a short note): only URLs become links.
    records = [(label, ref, "") if ref.startswith(("/", "http://", "https://")) else (label, "", ref)
               for label, ref in s.records]
    return render(request, "assessment/snapshot.html", {"s": s, "text": _fmt(s, s.indicator), "records": records})


@login_required
def export_view(request):
    from openpyxl import Workbook

    month = _month(request)
    data, snaps = export_rows(user=request.user, month=month)
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    scopes = [(None, "全市（全部机关）")] + [(a.pk, a.name) for a in data["agencies"]]
    ws.append(["指标代码", "指标名称", "权重", "阈值", "单位"] + [name for _pk, name in scopes])
    for ind in data["indicators"]:
        cells = data["cells"][ind.pk]
        ws.append([ind.code, ind.name, float(ind.weight), ind.threshold, ind.unit]
                  + [(cells[pk].error or cells[pk].value) if pk in cells else None for pk, _n in scopes])
    ws.append(["", "达标得分", "", "", ""] + [data["scores"].get(pk) for pk, _n in scopes])
    detail = wb.create_sheet("明细")
    detail.append(["指标", "机关", "统计起", "统计止", "分子", "分母", "取值", "达标", "相关记录", "链接"])
    for s in snaps:
        base = [s.indicator.name, s.agency.name if s.agency else "全市", s.start, s.end, s.numerator, s.denominator,
                s.error or s.value, {True: "是", False: "否"}.get(s.passed, "")]
        if not s.records:
            detail.append(base + ["", ""])
        for label, url in s.records:
            detail.append(base + [label, request.build_absolute_uri(url) if url.startswith("/") else url])
    out = io.BytesIO()
    wb.save(out)
    month_text = f"{data['month']:%Y-%m}" if data["month"] else "none"
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="assessment-{month_text}.xlsx"'
    return response


@login_required
@require_POST
def compute_view(request):
    try:
        snapshot_compute(actor=request.user)
    except UserFacingError as exc:
        return render(request, "console/denied.html", {"message": exc.message}, status=403)
    return redirect("assessment_staff:dashboard")


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("指标名称"), max_length=100)
    weight = forms.DecimalField(label=_("权重"), min_value=0, max_value=100, decimal_places=2)
    rule = forms.CharField(label=_("计算规则（函数路径）"), max_length=200)
    display = forms.ChoiceField(label=_("取值方式"), choices=Display.choices)
    unit = forms.CharField(label=_("单位"), max_length=10, required=False)
    threshold = forms.FloatField(label=_("阈值"), required=False)
    direction = forms.ChoiceField(label=_("达标方向"), choices=Direction.choices)
    enabled = forms.BooleanField(label=_("启用"), required=False)


@login_required
def indicators_view(request, pk=None):
    if not viewer_agency_ids(user=request.user):
        return render(request, "console/denied.html", status=403)
    from .engine import rule_load

    indicator = Indicator.objects.filter(pk=pk).first() if pk else None
    form, error = None, ""
    if indicator is not None:
        form = IndicatorForm(request.POST or None, initial={f: getattr(indicator, f) for f in IndicatorForm.base_fields})
        if request.method == "POST":
            if form.is_valid():
                try:
                    indicator_update(indicator=indicator, actor=request.user, **form.cleaned_data)
                except UserFacingError as exc:
                    error = exc.message
                else:
                    return redirect("assessment_staff:indicators")
            else:
                error = "请检查填写的内容。"
    rows = [(i, rule_load(i.rule) is not None) for i in Indicator.objects.all()]
    return render(request, "assessment/indicators.html", {"rows": rows, "indicator": indicator, "form": form,
                                                          "error": error, "unavailable": UNAVAILABLE},
                  status=400 if error else 200)
