"""How a person is named on screens and in exports: the full name (姓名), not the login name."""
import re

_CJK = re.compile(r"[\u3400-\u9fff]")


def person_name(user) -> str:
    """张三 for last_name 张 + first_name 三 (or a full name kept in either field); the username
    only when no name was entered; "" for no user."""
    if user is None:
        return ""
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if first and last:
        return f"{last}{first}" if _CJK.search(first + last) else f"{first} {last}"
    return first or last or user.get_username()
