"""Chinese labels for finding kinds (shown in messages and on the console)."""
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "id_card": _("身份证号"),
    "mobile": _("手机号码"),
    "landline": _("固定电话"),
    "bank_card": _("银行卡号"),
    "email": _("电子邮箱"),
    "address": _("住址"),
    "plate": _("车牌号"),
    "person_name": _("姓名"),
    "secrecy": _("密级或不公开标志"),
    "spam": _("疑似植入的垃圾信息"),
}

SIGNAL_LABELS = {
    "brand_site": _("品牌网址词"),
    "foreign_link": _("外部链接"),
    "keyword_chain": _("关键词堆砌"),
    "line_start": _("段首插入"),
    "whole_line": _("整行插入"),
    "glued_into_sentence": _("插入句中"),
    "regulatory_context": _("监管语境"),
    "on_topic_document": _("与文件主题相关"),
    "emoji_run": _("连续表情符号"),
    "pinyin_gloss": _("拼音注音插字"),
    "hidden_html": _("隐藏元素"),
    "lexicon:gambling": _("赌博词汇"),
    "lexicon:porn": _("色情词汇"),
    "lexicon:illicit": _("违法广告词汇"),
    "lexicon:seo": _("推广词汇"),
}


_TRANSLATED: dict = {}


def translated(message: str, language: str | None = None) -> str:
    """`gettext(message)` for the active language, looked up once per language and message
    (detectors attach the same reason to many findings). `language` is `get_language()` when the
    caller has it already (looking it up costs some microseconds)."""
    from django.utils.translation import get_language, gettext

    key = (language or get_language(), message)
    value = _TRANSLATED.get(key)
    if value is None:
        value = _TRANSLATED[key] = gettext(message)
    return value
