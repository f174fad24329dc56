"""The pieces a header line is read into: the prepared line, its labels and their values."""
from dataclasses import dataclass

# Items the catalog reads loosely (公开形式 网站公开, 体裁 通知): a value of another shape does not
# make a header row unreadable, it is shown as is.
AUX_FIELDS = {"disclosure", "genre", "keywords"}


@dataclass
class Line:
    shown: str  # the line as shown, bullet and pinyin glosses removed
    norm: str  # matching form, one character per character of `shown`
    bullet: bool = False


@dataclass
class Label:
    start: int
    end: int  # end of the label with its brackets and separator: the value starts here
    label: str
    field: str  # None for a label whose value the catalog does not keep
    strong: bool  # a colon, brackets or a pipe tie it to its value
    candidates: tuple = ()  # a truncated label: the fields it may stand for


@dataclass
class Pair:
    label: Label
    value: str
    at_end: bool  # the label ends the line with no value: the value may be on the next line
