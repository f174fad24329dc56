"""Public pages of the 重大行政决策事项目录 and staff pages (list, add, record a procedure, workflow)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import agencies_for_user
from gongkai.core.errors import UserFacingError

from .models import Procedure
from .selectors import decision_item_public, decision_items_for_user, decision_items_public, decision_years_public
from .services import decision_item_create, decision_list_publish, decision_procedure_record, decision_transition
from .transitions import transitions_from


def catalog(request, year=None):
    years = decision_years_public()
    year = year or (years[0] if years else timezone.localdate().year)
    return render(request, "decisions/catalog.html", {"years": years, "year": year,
                                                      "items": decision_items_public(year=year)})


def item(request, pk):
    obj = decision_item_public(pk=pk)
    labels = dict(Procedure.choices)
    missing = set(obj.procedures_missing())
    return render(request, "decisions/item.html", {
        "item": obj, "records": obj.records.all(),
        "required": [(labels[p], p not in missing) for p in obj.required],
        "skipped": [(labels[p], reason) for p, reason in obj.skipped.items() if p in labels]})


class ItemForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("决策机关"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("决策事项"), max_length=300)
    undertaker = forms.ModelChoiceField(label=_("承办单位"), queryset=None)
    planned = forms.CharField(label=_("计划完成时间"), max_length=40)
    required = forms.MultipleChoiceField(label=_("须履行的法定程序"), choices=Procedure.choices,
                                         widget=forms.CheckboxSelectMultiple, initial=Procedure.values, required=False)
    skipped_reason = forms.CharField(label=_("不履行某项程序的理由（未勾选的程序均适用）"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_user(user=user)
        self.fields["undertaker"].queryset = agencies_for_user(user=user)
        self.initial.setdefault("year", timezone.localdate().year)


class RecordForm(forms.Form):
    procedure = forms.ChoiceField(label=_("程序"), choices=Procedure.choices)
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("履行情况"), widget=forms.Textarea(attrs={"rows": 2}))


@login_required
def staff_list(request):
    form = ItemForm(request.POST or None, user=request.user)
    error = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        skipped = {p: d["skipped_reason"] for p in Procedure.values if p not in d["required"]}
        try:
            decision_item_create(agency=d["agency"], actor=request.user, year=d["year"], title=d["title"],
                                 undertaker=d["undertaker"], planned=d["planned"], required=d["required"],
                                 skipped=skipped)
        except UserFacingError as exc:
            error = exc.message
        else:
            return redirect("decisions_staff:list")
    items = decision_items_for_user(user=request.user).order_by("-year", "position")
    return render(request, "decisions/staff_list.html", {
        "form": form, "error": error, "items": items, "record_form": RecordForm(),
        "transitions": {i.pk: transitions_from(i.status) for i in items}})


@login_required
@require_POST
def staff_action(request, pk):
    obj = decision_items_for_user(user=request.user).filter(pk=pk).first()
    if obj is None:
        return render(request, "console/denied.html", status=404)
    what = request.POST.get("what")
    try:
        if what == "record":
            form = RecordForm(request.POST)
            if not form.is_valid():
                raise UserFacingError("请填写程序、日期和履行情况。")
            decision_procedure_record(item=obj, actor=request.user, **form.cleaned_data)
        elif what == "publish_list":
            decision_list_publish(agency=obj.agency, year=obj.year, actor=request.user)
        else:
            decision_transition(item=obj, action=request.POST.get("action", ""), actor=request.user,
                                reason=request.POST.get("reason", ""))
    except UserFacingError as exc:
        items = decision_items_for_user(user=request.user).order_by("-year", "position")
        return render(request, "decisions/staff_list.html", {
            "form": ItemForm(user=request.user), "error": exc.message, "items": items, "record_form": RecordForm(),
            "transitions": {i.pk: transitions_from(i.status) for i in items}}, status=400)
    return redirect("decisions_staff:list")
