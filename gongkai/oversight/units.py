"""责任单位 text → one 牵头 unit and the 配合 units, as written (matching them to agencies is separate).

Shapes handled: "市编办牵头,市政府各部门负责落实"; "市发改委、市商务局牵头,市政府有关部门负责落实" (the
first named lead is the lead, co-leads assist); "市财政局牵头落实"; "办公室牵头,各科室配合"; a bare list
"市发展改革委、市经信委……等" (the first leads; a trailing "等部门按职责分工分别负责" is not part of a name);
bare names before the 牵头 clause lead with it ("市委网信办，市政府办公室牵头负责": 市委网信办 first); "市政府各部门，各区、县〔市〕政府办公室负责" (a 、 inside
"各区、县〔市〕政府办公室" joins short prefixes sharing one suffix, so it is not split there).
"""
import re

_VERBS = re.compile(r"(等部门|等单位|等)?(按职责分工)?(分别|各自)?(牵头负责|牵头落实|牵头|负责落实|负责|配合落实|配合|参与|落实)*$")
_ANY_VERB = re.compile(r"牵头|负责|落实|配合|参与|协办")
_CLAUSE = re.compile(r"[，,；;]")
_LEAD = re.compile(r"牵头")
_ASSIST = re.compile(r"配合|参与|协办")


def _clean(name: str) -> str:
    return _VERBS.sub("", name.strip(" 　。.")).strip()


def _names(clause: str) -> list[str]:
    body = _clean(clause)
    if not body:
        return []
    parts = [p.strip() for p in body.split("、") if p.strip()]
    # "各区、县〔市〕政府办公室": a part of one or two characters shares the next part's suffix.
    if any(len(p.lstrip("各")) <= 1 or len(p) <= 2 for p in parts[:-1]):
        return [body]
    return parts


def split_units(raw: str) -> tuple[str | None, list[str]]:
    text = (raw or "").strip().strip("（()）")
    if not text:
        return None, []
    lead, assist = None, []
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    lead_clause = next((c for c in clauses if _LEAD.search(c)), None)
    if lead_clause is not None:
        # bare names just before the 牵头 clause lead with it ("市委网信办，市政府办公室牵头负责")
        at = clauses.index(lead_clause)
        first = at
        while first > 0 and not _ANY_VERB.search(clauses[first - 1]):
            first -= 1
        names = [n for c in clauses[first:at + 1] for n in _names(c)]
        lead, assist = (names[0] if names else None), names[1:]
        rest = clauses[:first] + clauses[at + 1:]
    else:
        rest = clauses
    for clause in rest:
        for name in _names(clause):
            if lead is None and not _ASSIST.search(clause):
                lead = name
            elif name != lead and name not in assist:
                assist.append(name)
    return lead, assist
