"""Chinese names for the audit actions shown in a document's history."""
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "document.create": _("创建草稿"),
    "document.edit": _("修改"),
    "document.submit": _("提交审核"),
    "document.publish": _("审核发布"),
    "document.return": _("退回修改"),
    "document.withdraw": _("撤回"),
    "document.reopen": _("重新编辑"),
    "document.validity": _("变更有效性"),
    "document.import": _("导入"),
    "attachment.add": _("添加附件"),
    "attachment.remove": _("删除附件"),
    "relation.add": _("添加关联"),
    "relation.remove": _("删除关联"),
    "review.override": _("覆盖审查提示发布"),
}


def audit_action_label(action: str) -> str:
    """The Chinese name of an audit action; the raw code for actions other apps add."""
    return str(ACTION_LABELS.get(action, action))


def audit_state_label(action: str, value: str) -> str:
    """The Chinese name of a state recorded in an audit row (a status, or a validity)."""
    from gongkai.catalog.models import Status, Validity

    if not value:
        return ""
    choices = Validity if action == "document.validity" else Status
    return str(dict(choices.choices).get(value, value))
