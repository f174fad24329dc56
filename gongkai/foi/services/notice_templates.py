"""Notice templates: a department's own .docx templates, or the government-wide default, replaced
and reset by an administrator."""
import hashlib

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, UserFacingError

from .. import notices
from ..models import NoticeKind, NoticeTemplate, Outcome


def _check_template_scope(actor, agency) -> None:
    """A department's templates are changed by a 管理员 of that department (or above it); the
    government-wide default (agency None) only by a superuser."""
    from gongkai.agencies.models import Role

    if actor is None:
        return
    if agency is None:
        if not actor.is_superuser:
            raise PermissionDeniedError(_("只有系统管理员（超级用户）可以修改全局默认文书模板。"))
        return
    if not (actor.is_superuser or user_has_role(user=actor, agency=agency, roles={Role.ADMIN})):
        raise PermissionDeniedError(_("只有管理员可以修改“%(agency)s”的文书模板。") % {"agency": agency.name})


def _template_key_check(key: str) -> None:
    valid = set(NoticeKind.values) | {f"reply_{o}" for o in Outcome.values}
    if key not in valid:
        raise UserFacingError(_("未知的文书模板。"))


@transaction.atomic
def notice_template_set(*, key: str, data: bytes, actor, agency=None, name: str = "template.docx") -> NoticeTemplate:
    """Replace a notice template for `agency` (None: government-wide). The file must be a safe .docx
    that uses only the documented variables and renders in the sandbox."""
    from django.core.files.base import ContentFile

    _template_key_check(key)
    _check_template_scope(actor, agency)
    problem = notices.template_validate(data)
    if problem:
        raise UserFacingError(problem)
    template, _created = NoticeTemplate.objects.select_for_update().get_or_create(key=key, agency=agency)
    scope = agency.slug if agency is not None else "global"
    template.file.save(f"{scope}-{key}.docx", ContentFile(data), save=False)
    template.updated_by = actor if actor is not None and actor.pk else None
    template.save()
    audit_record(actor=actor, action="foi.template_set", object_type="foi.noticetemplate",
                 object_id=template.pk, agency_id=agency.pk if agency is not None else None,
                 data={"key": key, "agency": scope, "sha256": hashlib.sha256(data).hexdigest()})
    return template


@transaction.atomic
def notice_template_reset(*, key: str, actor, agency=None) -> None:
    _template_key_check(key)
    _check_template_scope(actor, agency)
    deleted, _x = NoticeTemplate.objects.filter(key=key, agency=agency).delete()
    if deleted:
        scope = agency.slug if agency is not None else "global"
        audit_record(actor=actor, action="foi.template_reset", object_type="foi.noticetemplate",
                     object_id=f"{scope}:{key}", agency_id=agency.pk if agency is not None else None,
                     data={"key": key, "agency": scope})
