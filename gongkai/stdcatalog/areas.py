"""The 26 领域 标准指引 shipped as data: one JSON file per area in `data/areas/`, each carrying where its
list and its 事项 came from (document, issuer, date, URL) and how complete the shipped items are
(`complete_local`: a full local table made from the 指引; `partial`: the items that could be verified;
`list_only`: the area's name and issuing department only). An item may carry its own `source` URL when it was
read from another local list than the area's `items_source`. Where a published source gives how many 事项 the
指引 has, `official_count` (with `official_count_source`) records it and the label says how many are shipped
against it. Read-only; nothing here is invented."""
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "areas"
COMPLETENESS_LABELS = {"complete_local": "完整（地方按指引编制的全表）", "partial": "部分（已核实事项）",
                       "list_only": "仅领域名称"}
ITEM_FIELDS = ("code", "level1", "level2", "content", "basis", "time_limit", "subject", "channels",
               "audience", "mode", "levels", "source")


@dataclass(frozen=True)
class Area:
    slug: str
    order: int
    name: str
    document: str
    issuer: str
    issuer_verified: bool
    date: str
    completeness: str
    note: str
    items_source: dict | None
    list_source: dict
    items: tuple = field(default_factory=tuple)
    official_count: int | None = None  # how many 事项 the 指引 has, where a published source says so
    official_count_source: str = ""

    @property
    def source(self) -> str:
        """One line naming where the area's data came from."""
        parts = [f"{self.issuer}《{self.document}》" if not self.document.startswith(self.issuer) else self.document]
        if self.date:
            parts.append(self.date)
        if self.items_source:
            src = self.items_source
            parts.append(f"事项取自：{self.items_source_line}{src.get('url') or ''}")
        parts.append(self.completeness_label)
        return "；".join(p for p in parts if p)

    @property
    def items_source_line(self) -> str:
        """The local list the items were read from, with its issuer and date where its title lacks them."""
        src = self.items_source or {}
        about = "，".join(v for v in (src.get("issuer", ""), src.get("date", "")) if v and v not in src.get("title", ""))
        return src.get("title", "") + (f"（{about}）" if about else "")

    @property
    def completeness_label(self) -> str:
        label = COMPLETENESS_LABELS.get(self.completeness, self.completeness)
        if self.official_count:
            label += f"，已收录{len(self.items)}项／指引{self.official_count}项"
        return label

    def item(self, code: str) -> dict | None:
        return next((i for i in self.items if i["code"] == code), None)


def _read(path: Path) -> Area:
    raw = json.loads(path.read_text(encoding="utf-8"))
    items = tuple({k: item.get(k) for k in ITEM_FIELDS} for item in raw.get("items", []))
    return Area(slug=raw["slug"], order=raw["order"], name=raw["name"], document=raw["document"],
                issuer=raw["issuer"], issuer_verified=bool(raw.get("issuer_verified")), date=raw.get("date", ""),
                completeness=raw["completeness"], note=raw.get("note", ""), items_source=raw.get("items_source"),
                list_source=raw.get("list_source") or {}, items=items, official_count=raw.get("official_count"),
                official_count_source=raw.get("official_count_source", ""))


@lru_cache(maxsize=1)
def areas() -> tuple:
    return tuple(sorted((_read(p) for p in DATA_DIR.glob("*.json")), key=lambda a: a.order))


def area(slug: str) -> Area | None:
    return next((a for a in areas() if a.slug == slug), None)


def areas_summary() -> list:
    """`gongkai stdcatalog areas --json`: [{"name", "items", "source"}]."""
    return [{"name": a.name, "items": len(a.items), "source": a.source} for a in areas()]
