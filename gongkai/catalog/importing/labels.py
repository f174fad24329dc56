"""The metadata labels of disclosure pages and the values they carry.

A label is matched on the normalised text (`core.text.normalize`: NFKC + simplified), with any
spacing between its characters (`索 引 號`, `标　　题`), so 發布機構 and 发布机构 are one label. Each
label names a field and a rank: the lower rank wins when a page shows several labels of a field
(成文日期 before 发文日期; 发布日期 before 公开日期), and a label of the best rank that is present
but empty makes the field empty - a lower-ranked label never fills it in.

Values are output as shown (traditional characters kept), except dates (YYYY-MM-DD), 发文字号
(GB/T 9704: 〔〕, no space before 号) and 有效性 (有效 / 已修改 / 废止 / 失效).
"""
import datetime as dt
import re

from gongkai.catalog.docno import normalize_doc_no, parse_doc_no
from gongkai.catalog.genres import ends_like_title
from gongkai.core.text import nfkc, normalize

# field -> [(label, rank)]
FIELD_LABELS = {
    "title": [("名称", 0), ("标题", 0), ("文件名称", 0), ("信息名称", 0), ("文章标题", 0), ("文件标题", 0),
              ("题名", 0), ("公文标题", 0),
              ("信息标题", 0), ("文件题名", 0), ("公文名称", 0), ("信息题名", 0), ("政策名称", 0), ("文章名称", 0)],
    "index_no": [("索引号", 0), ("索引", 0), ("信息索引号", 0), ("索取号", 0), ("信息索取号", 0), ("信息索引", 0),
                 ("索引编号", 0)],
    "doc_no": [("文号", 0), ("发文字号", 0), ("发布文号", 0), ("发文号", 0), ("发文编号", 0), ("文件编号", 0),
               ("文件字号", 0), ("文件号", 0), ("字号", 1),
               ("信息文号", 0), ("发文文号", 0), ("文件文号", 0), ("公文文号", 0), ("公文字号", 0)],
    "publisher": [("发布机构", 0), ("发文机关", 0), ("发文机构", 0), ("发文单位", 0), ("发布单位", 0),
                  ("制定机关", 0), ("制发机关", 0), ("发布部门", 0), ("公开责任部门", 0), ("发布主体", 0), ("责任部门", 1),
                  ("成文机关", 0), ("发文部门", 0), ("发布机关", 0), ("信息发布机构", 0),
                  ("公开主体", 0), ("信息公开主体", 0), ("制发单位", 0), ("发文主体", 0), ("成文单位", 0),
                  ("信息发布单位", 0), ("公开单位", 1), ("颁布单位", 0), ("颁布机关", 0), ("颁布部门", 0)],
    "subject": [("主题分类", 0), ("分类", 0), ("所属主题", 0), ("主题类别", 0), ("主题导航", 0)],
    "keywords": [("主题词", 0), ("关键词", 0), ("关键字", 0)],
    "written_date": [("成文日期", 0), ("成文时间", 0), ("签署日期", 0), ("签发日期", 0),
                     ("发文日期", 1), ("发文时间", 1), ("印发日期", 1), ("生成日期", 1), ("产生日期", 1),
                     ("形成日期", 1), ("制发日期", 0), ("签发时间", 0), ("生成时间", 1), ("产生时间", 1), ("形成时间", 1),
                     ("制发时间", 1), ("公文生成日期", 1), ("信息生成日期", 1), ("文件生成日期", 1),
                     ("信息产生日期", 1), ("信息形成日期", 1)],
    "publish_date": [("发布日期", 0), ("发布时间", 0), ("发表日期", 0), ("发表时间", 0), ("添加日期", 0),
                     ("公布日期", 0), ("颁布日期", 0), ("信息发布日期", 0), ("信息发布时间", 0), ("上线时间", 0), ("上线日期", 0),
                     ("网上发布日期", 0), ("发稿时间", 0), ("上网日期", 0), ("上载日期", 0), ("上传日期", 0), ("公开日期", 1), ("公开时间", 1), ("公开日", 1), ("日期", 2), ("时间", 2)],
    "validity": [("有效性", 0), ("时效性", 0), ("时效", 0), ("效力状态", 0), ("是否有效", 0),
                 ("信息时效期", 0), ("文件状态", 0), ("有效状态", 0), ("文件效力", 0), ("效力", 0),
                 ("时效状态", 0), ("文件有效性", 0), ("信息有效性", 0), ("有效标识", 0), ("公文时效", 0),
                 ("文件时效", 0)],
    "disclosure": [("公开方式", 0), ("公开形式", 0), ("公开属性", 0), ("公开类型", 0)],
    "genre": [("文种", 0), ("公文种类", 0), ("体裁分类", 0), ("体裁", 0)],
    # The 规范性文件库's own labels: 统一登记号 (kept by the columns app), 实施日期 and 失效日期.
    "registration_no": [("统一登记号", 0), ("统一编号", 0), ("规范性文件登记号", 0), ("统一登记编号", 0),
                        ("登记号", 1), ("登记编号", 1)],
    "effective_date": [("实施日期", 0), ("施行日期", 0), ("实施时间", 1), ("施行时间", 1)],
    "expiry_date": [("失效日期", 0), ("有效期至", 0), ("失效时间", 1), ("有效期", 2), ("有效期限", 2)],
}
# Labels seen in headers whose values the catalog does not keep; they end the value before them.
# 来源/信息来源 name where a text came from, not its 发布机构; 生效/废止日期 are not 有效性 (and 生效日期
# is often the web publication date, not the 实施日期).
IGNORED_LABELS = [
    "来源", "信息来源", "稿源", "文章来源", "文件来源", "浏览次数", "访问次数", "阅读次数", "点击数", "点击次数", "点击量",
    "浏览量", "阅读量", "访问量", "浏览", "人气", "作者", "编辑", "审核", "责任编辑", "发布人", "字体", "文章字号",
    "字体大小", "组配分类", "信息分类", "公开目录", "服务对象分类", "生命周期分类", "信息格式", "语种",
    "内容概述", "内容摘要", "摘要", "公开时限", "公开范围", "公开程序", "公开期限", "载体类型",
    "记录格式", "信息类别", "登记日期", "所属机构", "机构分类", "分享到", "分享", "生效日期", "生效时间",
    "废止日期", "废止时间", "效力等级", "效力级别", "效力层级", "法规类别", "政策咨询机关", "政策咨询电话", "联系电话",
    "打印", "关闭", "录入时间", "更新时间", "修改时间", "文件下载", "附件",
    # more catalogue items of 政府信息公开目录 systems whose values are not kept (they end the value
    # before them): kinds, secrecy, columns, people, linked items.
    "信息类型", "信息种类", "涉密状态", "目录分类", "扩展分类", "信息属性", "公开类别", "内容分类", "信息类别号",
    "所属栏目", "栏目", "审核人", "责任人", "签发人", "拟稿人", "关联文件", "相关文件", "相关解读", "政策解读",
    "解读材料", "截止日期", "征集状态", "适用范围", "服务对象", "统计时间",
    # a law database's remark row (`备注 废止依据:…`): a note about the item, never its title
    "备注",
]
# English labels of bilingual catalogue pages (`Index No.:`, `Issued by:`); they need a colon.
ENGLISH_LABELS = {
    "Index No.": "index_no", "Index No": "index_no", "Index Number": "index_no", "Title": "title",
    "Document No.": "doc_no", "Document No": "doc_no", "Document Number": "doc_no", "Issued by": "publisher",
    "Issuing Authority": "publisher", "Issuing Agency": "publisher", "Date of Writing": "written_date",
    "Date of writing": "written_date", "Written on": "written_date", "Date of Issue": "written_date",
    "Date of issue": "written_date", "Published on": "publish_date", "Publish Date": "publish_date",
    "Date of Publication": "publish_date", "Date of publication": "publish_date", "Release Date": "publish_date",
    "Subject": "subject", "Category": "subject", "Validity": "validity",
}

LABEL_FIELD, LABEL_RANK = {}, {}
for _field, _labels in FIELD_LABELS.items():
    for _label, _rank in _labels:
        LABEL_FIELD[_label], LABEL_RANK[_label] = _field, _rank
for _label in IGNORED_LABELS:
    LABEL_FIELD.setdefault(_label, None)
    LABEL_RANK.setdefault(_label, 9)
for _label, _field in ENGLISH_LABELS.items():
    LABEL_FIELD.setdefault(_label, _field)
    LABEL_RANK.setdefault(_label, 1)

# A label as matched with its spacing removed -> the label (English labels hold spaces: `Issued by`).
LABEL_KEY = {re.sub(r"\s", "", _label): _label for _label in LABEL_FIELD}

# Labels whose field depends on the value: `字号` is a 发文字号 or the font-size toolbar.
SHAPE_CHECKED = {"字号"}
# Labels that need a colon to count (short words that occur in ordinary text).
COLON_ONLY = {"日期", "时间", "浏览", "分类", "效力", "索引", "附件", "关闭", "打印", "分享", "栏目", "所属栏目", "审核人",
              "责任人", "签发人", "拟稿人", "关联文件", "相关文件", "相关解读", "政策解读", "解读材料", "截止日期", "征集状态",
              "适用范围", "服务对象", "统计时间"} | set(ENGLISH_LABELS)

_ALT = "|".join(r"[ \t]*".join(map(re.escape, label)) for label in sorted(LABEL_FIELD, key=len, reverse=True))
LABEL_RE = re.compile(r"(?P<open>[\[【〖(])?[ \t]*(?P<label>" + _ALT + r")[ \t]*(?P<close>[\]】〗)])?"
                      r"[ \t]*(?P<sep>[:|])?")
# A label cut short by the page template (`号:` for 索引号, `性:` for 有效性): one or two characters
# ending a known label, followed by a colon; the value's shape says which field.
TRUNCATED = {}
NOT_TRUNCATED = {"registration_no", "effective_date", "expiry_date"}  # seen whole only
for _label, _field in LABEL_FIELD.items():
    if _field and _field not in NOT_TRUNCATED:
        for _n in (1, 2):
            if len(_label) > _n and _label[-_n:] not in LABEL_FIELD:
                TRUNCATED.setdefault(_label[-_n:], set()).add(_field)
TRUNCATED_RE = re.compile(r"(?P<label>" + "|".join(sorted(map(re.escape, TRUNCATED), key=len, reverse=True))
                          + r")[ \t]*(?P<sep>:)")
# A label this table does not know, in a header line: a short CJK word and a colon.
UNKNOWN_RE = re.compile(r"(?P<label>[\u4e00-\u9fff][\u4e00-\u9fff/]{1,7})[ \t]*(?P<sep>:)")
# A word of a no-colon `label value` row that reads like a catalogue item this table does not know
# (`扩展分类`, `信息属性`): it ends the value before it instead of leaking into it.
LABEL_WORD_RE = re.compile(r"^[\u4e00-\u9fff]{1,6}(分类|类别|类型|日期|时间|编号|名称|方式|形式|范围|时限|状态|机构|机关|"
                           r"单位|属性|层级|级别)$")
# A value that is itself a label word (an empty cell run into the next label).
LABEL_SHAPED_RE = re.compile(r"^[\u4e00-\u9fff/ ]{1,10}(分类|日期|时间|编号|名称|标题|文号|字号|机构|机关|单位|方式|"
                             r"形式|范围|时限|状态|语种|来源|主题|主题词|关键词|有效性|概述|摘要)$")

# --- values ---------------------------------------------------------------------------------

_SPACES_RE = re.compile(r"\s+")
_JUNK = {"null", "none", "nil", "undefined", "n/a", "na", "无", "暂无", "空", "-", "--", "—", "——", "/", "\\",
         "...", "…", "0"}
_PUNCT_ONLY_RE = re.compile(r"^[\W_]+$")
_GLOSS_RE = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]* ?[)）]")
_CJK_SPACE_RE = re.compile(r"(?<=[\u3400-\u9fff《》〈〉“”、，（）()])[ \t\u3000]+(?=[\u3400-\u9fff《》〈〉“”、，（）()])")

_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE_RE = re.compile(r"([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                         r"\s*([一二三四五六七八九十]{1,3})\s*日")
_SHORT_YEAR_DATE_RE = re.compile(r"^\s*(\d{2})/(\d{1,2})/(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
DATE_ONLY_RE = re.compile(r"^\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
                          r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?|\s*\d{1,2}\s*[时時点點]\s*(?:\d{1,2}\s*分(?:\s*\d{1,2}\s*秒)?)?)?\s*$")
INDEX_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-/_.]{3,63}$")
_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/.]{3,}$")  # a bare code: letters and digits only
_SPACED_INDEX_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-_.]{3,40} [/\-] [0-9A-Za-z][0-9A-Za-z\-/_.]{2,40}(?= |$)")
# A 发文字号 as a whole line: 机关代字, the year in brackets of any kind, the number, 号.
DOC_NO_LINE_RE = re.compile(r"^(?P<code>[\u3400-\u9fffA-Za-z]{1,20}?)\s*[〔\[［(（【〖{｛]\s*(?P<year>(?:19|20)\d{2})\s*"
                            r"[〕\]］)）】〗}｝]\s*第?\s*(?P<seq>\d{1,6})\s*(?P<hao>[号號])")


def strip_glosses(text: str) -> str:
    """Remove pinyin glosses that converting mirrors put after characters: `發(fā)布` → `發布`."""
    return _GLOSS_RE.sub("", text or "")


# A neutral-tone gloss (no tone mark) after a character: `公(gong)`. Only removed where a value
# cannot hold lowercase Latin in brackets (a 发文字号 line), since `(app)` may be real text elsewhere.
_PLAIN_GLOSS_RE = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zü]{1,6} ?[)）]")


def strip_plain_glosses(text: str) -> str:
    """Remove glosses with or without tone marks: `國辦公(gong)開辦函` → `國辦公開辦函`."""
    return _PLAIN_GLOSS_RE.sub("", strip_glosses(text))


def join_cjk(text: str) -> str:
    """Remove stray spaces between Chinese characters (`的 通 知` → `的通知`); keep Latin spacing."""
    return _CJK_SPACE_RE.sub("", _SPACES_RE.sub(" ", text or "").strip())


def is_junk(value: str) -> bool:
    """An empty cell in disguise: `null`, `无`, a lone punctuation mark."""
    v = nfkc(value or "").strip().lower()
    return not v or v in _JUNK or bool(_PUNCT_ONLY_RE.match(v))


def _cn_number(text: str) -> int:
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def parse_date(value: str):
    """Return the ISO date in `value` (2021-02-07, 2021年2月7日, 2021/2/7, 2021.02.07, ２０２１…,
    二〇二一年二月四日, with or without a time after it), or None."""
    text = nfkc(value or "")
    m = _DATE_RE.search(text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        m = _SHORT_YEAR_DATE_RE.match(text)
        if m:  # a whole value `22/02/06 20:05:14`: Chinese sites print YY/MM/DD
            return dt.date(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        m = _CN_DATE_RE.search(value or "")
        if m:
            year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
            return dt.date(year, _cn_number(m.group(2)), _cn_number(m.group(3))).isoformat()
    except ValueError:
        return None
    return None


def _date_spans(value: str) -> list:
    """[(ISO date, text after it)] for every date in `value`, in order."""
    n = nfkc(value or "")
    found = [(m, n) for m in _DATE_RE.finditer(n)] or [(m, value or "") for m in _CN_DATE_RE.finditer(value or "")]
    out = []
    for m, text in found:
        iso = parse_date(m.group(0))
        if iso:
            out.append((iso, text[m.end():]))
    return out


def parse_dates(value: str) -> list:
    """Every ISO date in `value`, in order (`2021年1月1日至2025年12月31日` gives two)."""
    return [iso for iso, _rest in _date_spans(value)]


def period_end(value: str):
    """The 失效日期 a 失效日期 / 有效期至 / 有效期 value gives: its last date, unless the only date is
    where the period starts (`自2021年1月1日起5年`)."""
    spans = _date_spans(value)
    if not spans:
        return None
    if len(spans) == 1 and re.match(r"\s*日?\s*(?:起|开始)", spans[0][1]):
        return None
    return spans[-1][0]


def registration_no_value(value: str):
    """A 统一登记号 as stored (NFKC, no spaces), or None when `value` does not look like one."""
    n = nfkc(value or "").replace(" ", "")
    if not n or len(n) > 60 or not re.search(r"\d", n) or "。" in n or title_shaped(normalize(n)):
        return None
    return n


def validity_label(value: str):
    """有效 / 已修改 / 废止 / 失效 for what a page says (现行有效 → 有效, 已废止 → 废止), or None."""
    n = normalize(value or "")
    if "废止" in n:
        return "废止"
    if "失效" in n or "过期" in n:
        return "失效"
    if "修改" in n or "修订" in n or "修正" in n:
        return "已修改"
    if "有效" in n:
        return "有效"
    if n in ("生效中", "已生效", "生效"):  # in force (`效力状态: 生效中`); 尚未生效 is left open
        return "有效"
    return None


def disclosure_label(value: str):
    n = normalize(value or "")
    if "依申请" in n:
        return "依申请公开"
    if "不予" in n or "不公开" in n:
        return "不予公开"
    if "主动" in n:
        return "主动公开"
    return None


def format_doc_no(value: str) -> str:
    """A 发文字号 in the GB/T 9704 form, characters as shown (see `catalog.docno.normalize_doc_no`)."""
    return normalize_doc_no(value)


def title_shaped(value: str) -> bool:
    return ends_like_title(value) and len(value) >= 8


def clean_value(field_name: str, raw: str, *, strict: bool = False):
    """The value of `field_name` in `raw` as output, or None when `raw` is not such a value.

    `strict` is used when the value is not tied to its label on the same line (the label ends one
    line and the value is on the next): only a value that clearly has the field's form is taken.
    """
    value = _SPACES_RE.sub(" ", strip_glosses(raw or "").replace("\u3000", " ")).strip().strip("|:：;；,，、•·").strip()
    if is_junk(value) or LABEL_SHAPED_RE.match(normalize(value)):
        return None
    if field_name in ("written_date", "publish_date", "effective_date"):
        if strict and not DATE_ONLY_RE.match(nfkc(value)):
            return None
        return parse_date(value)
    if field_name == "expiry_date":
        # 失效日期 / 有效期至 give a date; 有效期 may give the period: its end is the 失效日期.
        if strict and not DATE_ONLY_RE.match(nfkc(value)):
            return None
        return period_end(value) if len(value) <= 60 else None
    if field_name == "registration_no":
        return registration_no_value(value)
    if field_name == "validity":
        return validity_label(value) if len(value) <= 12 else None
    if field_name == "disclosure":
        return disclosure_label(value) if len(value) <= 12 else None
    if field_name == "index_no":
        # `011282752 / 2017-00101`: a site that prints spaces around the index's separator; the
        # value is kept as shown, not cut at the first space.
        spaced = _SPACED_INDEX_RE.match(nfkc(value))
        token = spaced.group(0) if spaced else nfkc(value).split(" ")[0]
        if (strict or len(value) > 64) and not INDEX_RE.match(token.replace(" ", "")):
            return None
        return token[:64] if re.search(r"\d", token) else None
    if field_name == "doc_no":
        n = nfkc(value)
        if parse_doc_no(n) or DOC_NO_LINE_RE.match(n):
            return format_doc_no(value)
        if strict and not re.search(r"[号號]$", value):
            return None
        return format_doc_no(value) if len(value) <= 40 and "。" not in value else None
    if field_name == "title":
        value = join_cjk(value)
        return value if 4 <= len(value) <= 300 and not strict or title_shaped(value) else None
    if strict and field_name in ("subject", "publisher") and _CODE_RE.match(nfkc(value)):
        # An empty `所属主题:` at a line end, then `YJDR201700022` (a registration number) on the next
        # line: a subject or an organisation is named in words, never a bare code.
        return None
    if field_name == "subject":
        value = re.sub(r"\\{2,}", "\\\\", value)
        # `其他-`, `综合政务/`: a category path whose last level is empty ends in its separator
        value = re.sub(r"[ \t]*[-—/\\>＞]+$", "", value)
        if not value:
            return None
    limits = {"publisher": 60, "subject": 60, "keywords": 200, "genre": 20}
    if len(value) > limits.get(field_name, 200):
        return None
    if title_shaped(normalize(value)) and (strict or "关于" in normalize(value)):
        return None  # a document title is not an organisation, a subject or a keyword
    if strict and (value.endswith("。") or len(value) > 40):
        return None
    return value
