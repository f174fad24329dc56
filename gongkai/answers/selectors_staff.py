"""Staff reads of the 问答: the FAQ entries and agencies within the user's scope."""
from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_ids_for_user

from .models import Faq


def faqs_for_user(*, user):
    return (Faq.objects.filter(agency_id__in=agency_ids_for_user(user=user)).select_related("agency")
            .order_by("-updated_at", "-id"))


def agencies_for_faq(*, user, roles):
    """Agencies where `user` may edit the FAQ."""
    return Agency.objects.filter(pk__in=agency_ids_for_user(user=user, roles=roles)).order_by("path")
