"""The completeness check of a service guide (检查指标: 办事指南要素齐全). Each rule names, in Chinese,
what is missing or wrong; a guide is published only when the list is empty."""
from django.utils.translation import gettext as _

# (field, label) of the text elements every guide must state.
REQUIRED_TEXT = [
    ("name", "事项名称"), ("basis", "设定依据"), ("conditions", "受理条件"), ("process", "办理流程"),
    ("location", "办理地点"), ("hours", "办理时间"), ("phone", "咨询电话"), ("complaint_phone", "监督投诉电话"),
]


def guide_missing(guide) -> list[str]:
    """Every missing element of `guide`, in the order a reader meets them."""
    missing = []
    for field, label in REQUIRED_TEXT:
        if not (getattr(guide, field) or "").strip():
            missing.append(_("缺少“%(label)s”") % {"label": label})
    if not guide.agency_id:
        missing.append(_("缺少“实施主体”"))
    if guide.pk is None or not guide.materials.exists():
        missing.append(_("缺少“申请材料”（至少一项，如无须提交材料请注明“无”）"))
    else:
        for m in guide.materials.all():
            if not m.name.strip():
                missing.append(_("第%(n)d项申请材料缺少名称") % {"n": m.position})
            if not m.copies:
                missing.append(_("申请材料“%(name)s”的份数应至少为1") % {"name": m.name})
    if guide.legal_days is None:
        missing.append(_("缺少“法定时限”（工作日；即办事项填0）"))
    if guide.promised_days is None:
        missing.append(_("缺少“承诺时限”（工作日；即办事项填0）"))
    if guide.legal_days is not None and guide.promised_days is not None and guide.promised_days > guide.legal_days:
        missing.append(_("承诺时限（%(p)d个工作日）不得超过法定时限（%(l)d个工作日）")
                       % {"p": guide.promised_days, "l": guide.legal_days})
    if not guide.free:
        if not (guide.fee_standard or "").strip():
            missing.append(_("收费事项缺少“收费标准”"))
        if not (guide.fee_basis or "").strip():
            missing.append(_("收费事项缺少“收费依据”"))
    return missing
