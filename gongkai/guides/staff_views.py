"""Staff pages of the 办事指南: list and create, edit a draft with its materials, workflow buttons."""
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import agencies_for_user
from gongkai.core.errors import UserFacingError

from .completeness import guide_missing
from .models import GuideKind, GuideMaterial, LifeEvent, MaterialForm, MaterialNeed
from .selectors import guides_for_user
from .services import FIELDS, guide_create, guide_material_add, guide_material_remove, guide_transition, guide_update
from .transitions import transitions_from

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class GuideForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("实施主体"), queryset=None)
    name = forms.CharField(label=_("事项名称"), max_length=200)
    kind = forms.ChoiceField(label=_("事项类型"), choices=GuideKind.choices)
    basis = forms.CharField(label=_("设定依据"), widget=TEXTAREA, required=False)
    conditions = forms.CharField(label=_("受理条件"), widget=TEXTAREA, required=False)
    process = forms.CharField(label=_("办理流程"), widget=TEXTAREA, required=False)
    legal_days = forms.IntegerField(label=_("法定时限（工作日）"), min_value=0, max_value=3650, required=False)
    promised_days = forms.IntegerField(label=_("承诺时限（工作日）"), min_value=0, max_value=3650, required=False)
    free = forms.BooleanField(label=_("不收费"), required=False, initial=True)
    fee_standard = forms.CharField(label=_("收费标准"), widget=TEXTAREA, required=False)
    fee_basis = forms.CharField(label=_("收费依据"), widget=TEXTAREA, required=False)
    location = forms.CharField(label=_("办理地点"), max_length=300, required=False)
    hours = forms.CharField(label=_("办理时间"), max_length=200, required=False)
    phone = forms.CharField(label=_("咨询电话"), max_length=60, required=False)
    complaint_phone = forms.CharField(label=_("监督投诉电话"), max_length=60, required=False)
    life_events = forms.MultipleChoiceField(label=_("生活事件"), choices=LifeEvent.choices, required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_user(user=user)


class MaterialFormForm(forms.Form):
    name = forms.CharField(label=_("材料名称"), max_length=200)
    copies = forms.IntegerField(label=_("份数"), min_value=1, max_value=99, initial=1)
    form = forms.ChoiceField(label=_("形式"), choices=MaterialForm.choices)
    need = forms.ChoiceField(label=_("必要性"), choices=MaterialNeed.choices)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)
    sample = forms.FileField(label=_("样表"), required=False)
    blank = forms.FileField(label=_("空表"), required=False)


@login_required
def staff_list(request):
    form = GuideForm(request.POST or None, user=request.user)
    error = ""
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            guide = guide_create(agency=d.pop("agency"), actor=request.user, **d)
        except UserFacingError as exc:
            error = exc.message
        else:
            return redirect("guides_staff:edit", guide.pk)
    guides = guides_for_user(user=request.user).order_by("agency__name", "name")
    return render(request, "guides/staff_list.html", {"form": form, "error": error, "guides": guides})


def _edit_page(request, guide, *, form=None, material_form=None, error="", status=200):
    initial = {f: getattr(guide, f) for f in FIELDS} | {"agency": guide.agency_id}
    return render(request, "guides/staff_edit.html", {
        "guide": guide, "form": form or GuideForm(initial=initial, user=request.user),
        "material_form": material_form or MaterialFormForm(), "missing": guide_missing(guide),
        "materials": guide.materials.all(), "transitions": transitions_from(guide.status), "error": error,
        "versions": guide.versions.all()}, status=status)


@login_required
def staff_edit(request, pk):
    guide = guides_for_user(user=request.user).filter(pk=pk).first()
    if guide is None:
        return render(request, "console/denied.html", status=404)
    if request.method != "POST":
        return _edit_page(request, guide)
    form = GuideForm(request.POST, user=request.user)
    if not form.is_valid():
        return _edit_page(request, guide, form=form, status=400)
    d = dict(form.cleaned_data)
    d.pop("agency")
    try:
        guide_update(guide=guide, actor=request.user, **d)
    except UserFacingError as exc:
        return _edit_page(request, guide, form=form, error=exc.message, status=400)
    return redirect("guides_staff:edit", guide.pk)


@login_required
@require_POST
def staff_action(request, pk):
    guide = guides_for_user(user=request.user).filter(pk=pk).first()
    if guide is None:
        return render(request, "console/denied.html", status=404)
    what = request.POST.get("what")
    material_form = None
    try:
        if what == "material":
            material_form = MaterialFormForm(request.POST, request.FILES)
            if not material_form.is_valid():
                raise UserFacingError(_("请填写材料名称、份数、形式和必要性。"))
            d = dict(material_form.cleaned_data)
            files = {k: (d[k].name, d[k].read()) if d[k] else None for k in ("sample", "blank")}
            guide_material_add(guide=guide, actor=request.user, **(d | files))
        elif what == "remove_material":
            material = GuideMaterial.objects.filter(guide=guide, pk=request.POST.get("material")).first()
            if material is None:
                raise UserFacingError(_("该材料不存在。"))
            guide_material_remove(material=material, actor=request.user)
        else:
            guide_transition(guide=guide, action=request.POST.get("action", ""), actor=request.user,
                             reason=request.POST.get("reason", ""))
    except UserFacingError as exc:
        guide.refresh_from_db()
        return _edit_page(request, guide, material_form=material_form, error=exc.message, status=400)
    return redirect("guides_staff:edit", guide.pk)
