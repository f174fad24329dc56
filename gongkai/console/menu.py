"""The console's navigation. Each entry is shown when its URL exists and the user may use it."""
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (label, url name, roles that see it; None = every staff user)
MENU = [
    (_("工作台"), "console:home", None),
    (_("公开文件"), "console:documents", None),
    (_("导入"), "console:import", {"editor", "reviewer", "admin"}),
    (_("依申请公开"), "foi_staff:dashboard", {"office", "approver", "admin"}),
    (_("公开前审查"), "review_staff:home", {"reviewer", "office", "admin"}),
    (_("年度报告"), "reports_staff:home", {"office", "admin"}),
    (_("意见征集"), "consultations_staff:list", {"editor", "office", "admin"}),
    (_("重大决策"), "decisions_staff:list", {"editor", "office", "admin"}),
    (_("留言办理"), "mailboxes_staff:list", {"editor", "office", "admin"}),
    (_("回应关切"), "concerns_staff:list", {"editor", "office", "admin"}),
    (_("政务新媒体"), "newmedia_staff:list", {"editor", "office", "admin"}),
    (_("办事指南"), "guides_staff:list", {"editor", "reviewer", "office", "admin"}),
    (_("标准目录"), "stdcatalog_staff:list", {"editor", "office", "admin"}),
    (_("政府公报"), "gazette_staff:list", {"editor", "office", "admin"}),
    (_("数据开放"), "opendata_staff:list", {"editor", "reviewer", "office", "admin"}),
    (_("工作要点督办"), "oversight_staff:workbench", {"editor", "office", "approver", "admin", "evaluator"}),
    (_("常见问题"), "answers_staff:list", {"office", "admin"}),
    (_("主动公开栏目"), "columns_staff:columns", {"editor", "reviewer", "office", "admin"}),
    (_("建议提案"), "proposals_staff:list", {"editor", "office", "admin", "evaluator"}),
    (_("测评"), "assessment_staff:dashboard", {"office", "admin", "evaluator"}),
]


def console_menu(request):
    """Context processor: the menu entries the current user can open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not request.path.startswith("/console/"):
        return {}
    from gongkai.agencies.selectors import user_roles

    roles = user_roles(user=user)
    items = []
    for label, name, needed in MENU:
        if needed is not None and not (roles & needed):
            continue
        try:
            items.append({"label": label, "url": reverse(name)})
        except NoReverseMatch:
            continue
    return {"console_menu": items}
