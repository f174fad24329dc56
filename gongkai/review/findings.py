"""The shapes a review returns: findings with spans into the ORIGINAL text, and the report."""
import operator
from bisect import bisect_left as _bisect_left, bisect_right as _bisect_right
from dataclasses import asdict, dataclass, field

PASS, WARN, BLOCK = "pass", "warn", "block"
_RANK = {PASS: 0, WARN: 1, BLOCK: 2}

PII_KINDS = ("id_card", "mobile", "landline", "bank_card", "email", "address", "plate", "person_name")

# What a personal finding of each kind does to the verdict. Public ones (an office's telephone, an
# official named in a 公示) are reported but never change the verdict and are never masked.
PII_SEVERITY = {
    "id_card": BLOCK,
    "bank_card": BLOCK,
    "mobile": WARN,
    "landline": WARN,
    "email": WARN,
    "address": WARN,
    "plate": WARN,
    "person_name": WARN,
}


# The sort key of findings (a C call, no lambda).
START = operator.attrgetter("start")


def worst(*verdicts: str) -> str:
    return max(verdicts, key=_RANK.__getitem__, default=PASS)


@dataclass(slots=True)
class PiiFinding:
    kind: str
    start: int
    end: int
    text: str
    personal: bool = True
    reason: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SecrecyFinding:
    marker: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SpamPassage:
    start: int
    end: int
    text: str
    score: float
    signals: list = field(default_factory=list)
    source: str = "text"  # "text": span into the text; "html": span into the HTML given

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SpamResult:
    is_spam: bool
    score: float
    passages: list

    def to_dict(self) -> dict:
        return {"is_spam": self.is_spam, "score": round(self.score, 2),
                "passages": [p.to_dict() for p in self.passages]}


@dataclass
class ReviewReport:
    verdict: str
    pii: list
    spam: SpamResult
    secrecy: list
    # Attachments that could not be read (documents.AttachmentProblem): each one is a warn finding.
    attachments: list = field(default_factory=list)

    @property
    def personal_pii(self) -> list:
        return [f for f in self.pii if f.personal]

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "pii": [f.to_dict() for f in self.pii],
            "spam": self.spam.to_dict(),
            "secrecy": [f.to_dict() for f in self.secrecy],
            **({"attachments": [a.to_dict() for a in self.attachments]} if self.attachments else {}),
        }


class SpanSet:
    """Non-overlapping spans, kept sorted: overlap test and insert in O(log n)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlapping(self, start: int, end: int) -> int:
        """Index (in sorted order) of a stored span overlapping [start, end), or -1."""
        starts, ends = self.starts, self.ends
        i = _bisect_right(starts, start)
        if i and ends[i - 1] > start and starts[i - 1] < end:
            return i - 1
        if i < len(starts) and starts[i] < end and ends[i] > start:
            return i
        return -1

    def free(self, start: int, end: int) -> bool:
        """`overlapping(start, end) < 0`, written out (called for every candidate match)."""
        starts = self.starts
        i = _bisect_right(starts, start)
        if i and self.ends[i - 1] > start and starts[i - 1] < end:
            return False
        return not (i < len(starts) and starts[i] < end and self.ends[i] > start)

    def take(self, start: int, end: int) -> None:
        starts = self.starts
        if not starts or start > starts[-1]:  # most spans are found in text order: append
            starts.append(start)
            self.ends.append(end)
            return
        i = _bisect_left(starts, start)
        starts.insert(i, start)
        self.ends.insert(i, end)
