"""回应关切 in the browser: the console register, a concern's page (deadline, links, history) and the
form pass the checks of the other console pages (text shown, no sideways scrolling, no console error,
axe-core without serious or critical violations); the public register too, on a phone."""
import datetime as dt

from django.utils import timezone

from gongkai.concerns.models import Level, LinkKind
from gongkai.concerns.services import concern_create, concern_link_response

from .conftest import BROWSER_DB, log_in

pytestmark = BROWSER_DB


def _register(dept_a, editor_a, document_factory):
    now = timezone.now()
    answered = concern_create(agency=dept_a, actor=editor_a, title="城区部分路段内涝", level=Level.MAJOR,
                              noticed_at=now - dt.timedelta(hours=2), channels="政府网站、政务微博")
    concern_link_response(concern=answered, document=document_factory(dept_a, "published", title="关于城区内涝情况的通报"),
                          actor=editor_a)
    concern_link_response(concern=answered, document=document_factory(dept_a, "published", title="关于内涝处置进展的通报"),
                          actor=editor_a, kind=LinkKind.FOLLOWUP)
    concern_create(agency=dept_a, actor=editor_a, title="学校周边交通拥堵", level=Level.MAJOR,
                   noticed_at=now - dt.timedelta(hours=6))
    return answered


def test_console_concern_pages(desktop, dept_a, editor_a, document_factory):
    answered = _register(dept_a, editor_a, document_factory)
    page = log_in(desktop, "editor_a")
    page.get_by_role("link", name="回应关切").first.click()
    desktop.check(page, name="concerns-list", texts=["城区部分路段内涝", "按时回应", "已超时未回应",
                                                     "1 项关切已超过首次回应时限仍未回应。"], axe=True)
    page.get_by_role("link", name="城区部分路段内涝").click()
    desktop.check(page, name="concerns-detail", texts=["关于内涝处置进展的通报", "后续发布", "办理记录", "首次回应"],
                  axe=True)
    page.goto(desktop.url("/console/concerns/new/"))
    desktop.check(page, name="concerns-new", texts=["登记关切", "发现时间"], axe=True)
    page.goto(desktop.url(f"/console/concerns/{answered.pk}/edit/"))
    desktop.check(page, name="concerns-edit", texts=["修改关切"], axe=True)


def test_public_register_on_a_phone(phone, dept_a, editor_a, document_factory):
    _register(dept_a, editor_a, document_factory)
    page = phone.new_page()
    page.goto(phone.url("/hdjl/hygz/"))
    phone.check(page, name="concerns-public", texts=["城区部分路段内涝", "关于城区内涝情况的通报", "后续发布",
                                                     "正在核实情况，将及时发布权威信息。"], axe=True)
