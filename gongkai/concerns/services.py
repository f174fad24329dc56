"""Writes of the concerns register: in a transaction, row-locked, role-checked, audited."""
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Status
from gongkai.core.errors import UserFacingError

from .models import Concern, Level

ROLES = frozenset({Role.OFFICE, Role.ADMIN, Role.EDITOR})


def _check(actor, agency):
    role_require(user=actor, agency=agency, roles=ROLES,
                 message=_("您没有为“%(agency)s”登记回应关切的权限。") % {"agency": agency.name})


@transaction.atomic
def concern_create(*, agency, actor, title, noticed_at, level=Level.GENERAL, summary="", channels="") -> Concern:
    _check(actor, agency)
    if not title.strip():
        raise UserFacingError(_("请填写关切事项。"))
    if level not in Level.values:
        raise UserFacingError(_("请选择级别。"))
    concern = Concern.objects.create(agency=agency, title=title.strip(), noticed_at=noticed_at, level=level,
                                     summary=summary.strip(), channels=channels.strip())
    audit_record(actor=actor, action="concern.create", obj=concern, data={"title": concern.title, "level": level})
    return concern


@transaction.atomic
def concern_link_response(*, concern, document, actor) -> Concern:
    """Link a published catalog document as a response; the earliest one dates the first response."""
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    _check(actor, concern.agency)
    if document.status != Status.PUBLISHED or document.published_at is None:
        raise UserFacingError(_("只能关联已发布的政府信息作为回应。"))
    concern.responses.add(document)
    if concern.first_response_at is None or document.published_at < concern.first_response_at:
        concern.first_response_at = document.published_at
        concern.save(update_fields=["first_response_at"])
    audit_record(actor=actor, action="concern.respond", obj=concern, data={"document": document.pk})
    return concern


@transaction.atomic
def concern_close(*, concern, actor) -> Concern:
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    _check(actor, concern.agency)
    if concern.first_response_at is None:
        raise UserFacingError(_("尚未关联任何回应信息，不能办结。"))
    concern.closed = True
    concern.save(update_fields=["closed"])
    audit_record(actor=actor, action="concern.close", obj=concern)
    return concern
