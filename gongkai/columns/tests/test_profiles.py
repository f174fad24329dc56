"""机构概况: who may edit and publish (agency scoping, roles), the workflow with audit and the review,
the update date and the reminder after the configured period, public pages and API."""
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.audit.models import AuditEntry
from gongkai.columns.models import ProfileStatus
from gongkai.columns.selectors import profile_review_days, profiles_stale
from gongkai.columns.services import (leader_add, profile_get_or_create, profile_transition, profile_update)
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.portal.tests.a11y import check_page

BEIJING = ZoneInfo("Asia/Shanghai")
FIELDS = {"functions": "负责全市教育工作。", "structure": "办公室\n基础教育科", "address": "文昌路18号",
          "hours": "工作日 8:30—17:30", "phone": "0000-12340100"}


def filled(agency, actor):
    profile = profile_get_or_create(agency=agency, actor=actor)
    profile_update(profile=profile, actor=actor, **FIELDS)
    leader_add(profile=profile, actor=actor, name="张某", post="局长", duties="主持全面工作。")
    return profile


def test_editor_edits_only_own_agency_and_cannot_publish(dept_a, dept_b, editor_a, editor_b, reviewer_a,
                                                         reviewer_b):
    dept_a.office_phone = "0000-99999"
    dept_a.save()
    profile = profile_get_or_create(agency=dept_a, actor=editor_a)
    assert profile.phone == "0000-99999"  # prefilled from the agency's office contacts
    with pytest.raises(PermissionDeniedError):
        profile_get_or_create(agency=dept_a, actor=editor_b)
    with pytest.raises(PermissionDeniedError):
        profile_update(profile=profile, actor=editor_b, functions="改写")
    with pytest.raises(TransitionError, match="机构概况要素不齐全：机构职能、机构设置"):
        profile_transition(profile=profile, action="submit", actor=editor_a)
    profile = filled(dept_a, editor_a)
    profile_transition(profile=profile, action="submit", actor=editor_a)
    with pytest.raises(PermissionDeniedError):
        profile_transition(profile=profile, action="publish", actor=editor_a)  # editors do not publish
    with pytest.raises(PermissionDeniedError):
        profile_transition(profile=profile, action="publish", actor=reviewer_b)  # another agency's reviewer
    with pytest.raises(UserFacingError, match="请填写理由"):
        profile_transition(profile=profile, action="return", actor=reviewer_a)
    profile = profile_transition(profile=profile, action="publish", actor=reviewer_a)
    assert profile.status == ProfileStatus.PUBLISHED and profile.version == 1
    with pytest.raises(TransitionError, match="只有草稿"):
        profile_update(profile=profile, actor=editor_a, phone="1")


def test_office_of_the_government_covers_its_departments(dept_a, office_city, reviewer_a):
    profile = filled(dept_a, office_city)
    profile_transition(profile=profile, action="submit", actor=office_city)
    assert profile_transition(profile=profile, action="publish", actor=office_city).version == 1


def test_publication_keeps_the_public_copy_until_the_next_review(client, dept_a, editor_a, reviewer_a):
    with time_machine.travel(dt.datetime(2026, 1, 5, 10, 0, tzinfo=BEIJING), tick=False):
        profile = filled(dept_a, editor_a)
        profile_transition(profile=profile, action="submit", actor=editor_a)
        profile_transition(profile=profile, action="publish", actor=reviewer_a)
    profile.refresh_from_db()
    assert profile.reviewed_on == dt.date(2026, 1, 5)
    assert profile.published["leaders"] == [{"name": "张某", "post": "局长", "duties": "主持全面工作。", "photo": ""}]
    profile_transition(profile=profile, action="revise", actor=editor_a)
    profile_update(profile=profile, actor=editor_a, phone="0000-55555")
    html = client.get(f"/xxgk/jggk/{dept_a.slug}/").content.decode()
    assert "0000-12340100" in html and "0000-55555" not in html and "2026-01-05" in html and "张某" in html
    check_page(html)
    actions = list(AuditEntry.objects.filter(action__startswith="profile.").values_list("action", flat=True))
    assert actions == ["profile.create", "profile.edit", "profile.leader_add", "profile.submit", "profile.publish",
                       "profile.revise", "profile.edit"]
    api = client.get(f"/api/columns/profiles/{dept_a.slug}").json()
    assert api["phone"] == "0000-12340100" and api["updated"] == "2026-01-05" and api["leaders"][0]["name"] == "张某"


def test_stale_after_the_configured_period_and_confirm(settings, dept_a, dept_b, editor_a, reviewer_a):
    settings.COLUMNS_PROFILE_REVIEW_DAYS = 90
    assert profile_review_days() == 90
    with time_machine.travel(dt.datetime(2026, 1, 5, 10, 0, tzinfo=BEIJING), tick=False):
        profile = filled(dept_a, editor_a)
        profile_transition(profile=profile, action="submit", actor=editor_a)
        profile_transition(profile=profile, action="publish", actor=reviewer_a)
    draft = profile_get_or_create(agency=dept_b, actor=None)  # never reviewed
    assert profiles_stale(today=dt.date(2026, 4, 5), days=90) == [draft]         # 90 days: still current
    assert profiles_stale(today=dt.date(2026, 4, 6), days=90) == [profile, draft]  # 91 days
    assert profiles_stale(agency_ids={dept_a.pk}, today=dt.date(2026, 4, 6), days=90) == [profile]
    with time_machine.travel(dt.datetime(2026, 4, 6, 10, 0, tzinfo=BEIJING), tick=False):
        with pytest.raises(PermissionDeniedError):
            profile_transition(profile=profile, action="confirm", actor=editor_a)
        profile = profile_transition(profile=profile, action="confirm", actor=reviewer_a)
    assert profile.reviewed_on == dt.date(2026, 4, 6) and profile.status == ProfileStatus.PUBLISHED
    assert profiles_stale(today=dt.date(2026, 4, 6), days=90) == [draft]


def test_withdraw_takes_the_profile_off_the_site_search_and_reminders(client, dept_a, editor_a, reviewer_a):
    """An agency merged away: a reviewer withdraws its published 机构概况 with a reason; the public page,
    the API and the search no longer show it, the review reminder stops, and it can be published again."""
    from gongkai.search.selectors import search_documents

    with time_machine.travel(dt.datetime(2026, 1, 5, 10, 0, tzinfo=BEIJING), tick=False):
        profile = filled(dept_a, editor_a)
        profile_transition(profile=profile, action="submit", actor=editor_a)
        profile_transition(profile=profile, action="publish", actor=reviewer_a)
    assert client.get(f"/xxgk/jggk/{dept_a.slug}/").status_code == 200
    assert search_documents(query="基础教育科").total == 1
    with pytest.raises(PermissionDeniedError):
        profile_transition(profile=profile, action="withdraw", actor=editor_a, reason="机构撤并")
    with pytest.raises(UserFacingError, match="请填写理由"):
        profile_transition(profile=profile, action="withdraw", actor=reviewer_a)
    profile = profile_transition(profile=profile, action="withdraw", actor=reviewer_a, reason="机构撤并")
    assert profile.status == ProfileStatus.DRAFT and profile.published is None and profile.status_reason == "机构撤并"
    assert client.get(f"/xxgk/jggk/{dept_a.slug}/").status_code == 404
    assert client.get(f"/api/columns/profiles/{dept_a.slug}").status_code == 404
    assert search_documents(query="基础教育科").total == 0
    assert profiles_stale(today=dt.date(2027, 1, 5), days=90) == []
    entry = AuditEntry.objects.filter(action="profile.withdraw").get()
    assert (entry.from_state, entry.to_state, entry.reason) == ("published", "draft", "机构撤并")
    profile_transition(profile=profile, action="submit", actor=editor_a)
    assert profile_transition(profile=profile, action="publish", actor=reviewer_a).version == 2


def test_leader_photo_is_checked_and_served(client, dept_a, editor_a, reviewer_a):
    import segno

    profile = filled(dept_a, editor_a)
    with pytest.raises(UserFacingError):
        leader_add(profile=profile, actor=editor_a, name="李某", post="副局长", photo=("a.png", b"not an image"))
    buffer = io.BytesIO()
    segno.make("demo").save(buffer, kind="png")
    leader_add(profile=profile, actor=editor_a, name="李某", post="副局长", photo=("a.png", buffer.getvalue()))
    profile_transition(profile=profile, action="submit", actor=editor_a)
    profile_transition(profile=profile, action="publish", actor=reviewer_a)
    assert client.get(f"/xxgk/jggk/{dept_a.slug}/photo/2/")["Content-Type"] == "image/png"
    assert client.get(f"/xxgk/jggk/{dept_a.slug}/photo/1/").status_code == 404  # no photo
    assert client.get(f"/xxgk/jggk/{dept_a.slug}/photo/3/").status_code == 404


def test_console_pages_are_scoped(client_for, dept_a, dept_b, editor_a, editor_b):
    profile = filled(dept_a, editor_a)
    mine = client_for(editor_a)
    assert mine.get(f"/console/columns/profiles/{profile.pk}/").status_code == 200
    assert client_for(editor_b).get(f"/console/columns/profiles/{profile.pk}/").status_code == 404
    response = mine.post(f"/console/columns/profiles/{profile.pk}/action/", {"action": "submit"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PENDING
    listing = mine.get("/console/columns/profiles/").content.decode()
    assert dept_a.name in listing and "待核对" in listing  # never published: to review
    assert client_for(editor_b).post("/console/columns/profiles/", {"agency": dept_a.pk}).status_code == 200
    assert client_for(None).get("/xxgk/jggk/").status_code == 200
    assert client_for(None).get(f"/xxgk/jggk/{dept_a.slug}/").status_code == 404  # not yet published
    staff_api = mine.get("/api/columns/staff/profiles").json()
    assert staff_api == [{"agency_slug": dept_a.slug, "status": "pending", "version": 0, "reviewed_on": None}]
    assert client_for(editor_b).patch(f"/api/columns/staff/profiles/{dept_a.slug}", {"phone": "1"},
                                      content_type="application/json").status_code == 404
