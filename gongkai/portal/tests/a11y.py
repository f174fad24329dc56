"""Basic accessibility checks on a rendered page (parsed with BeautifulSoup)."""
from bs4 import BeautifulSoup


def check_page(html: str) -> BeautifulSoup:
    """Assert lang="zh-CN", exactly one h1, a skip link, labelled controls, scoped table headers."""
    soup = BeautifulSoup(html, "lxml")
    assert soup.html.get("lang") == "zh-CN"
    assert len(soup.find_all("h1")) == 1, [h.get_text() for h in soup.find_all("h1")]
    assert soup.find("h1").get_text(strip=True)
    skip = soup.find("a", class_="skip")
    assert skip is not None and skip["href"] == "#main" and soup.find(id="main") is not None
    labels = {label.get("for") for label in soup.find_all("label")}
    for control in soup.find_all(["input", "select", "textarea"]):
        if control.name == "input" and control.get("type") in ("hidden", "submit", "button"):
            continue
        labelled = (control.get("id") in labels or control.get("aria-label")
                    or control.get("aria-labelledby") or control.find_parent("label") is not None)
        assert labelled, f"unlabelled control: {control}"
    for th in soup.find_all("th"):
        if th.find_parent("div", class_="body") is None:
            assert th.get("scope") in ("row", "col"), f"th without scope: {th}"
    for tag in soup.find_all(True):
        assert not tag.has_attr("style"), f"inline style: {tag.name}"
    for tag in soup.find_all(tabindex=True):
        assert int(tag["tabindex"]) <= 0, f"positive tabindex breaks keyboard order: {tag.name}"
    for tag in soup.find_all(True):
        assert not any(attr.startswith("on") for attr in tag.attrs), f"inline handler: {tag.name}"
    for script in soup.find_all("script"):
        assert script.get("src"), "inline script"
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate id"
    return soup
