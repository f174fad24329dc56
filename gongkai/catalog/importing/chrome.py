"""Page furniture around a document: breadcrumbs, navigation bars, language switches, toolbars,
welcome lines, site names and footers. None of it is metadata, a title or body text."""
import re

from gongkai.core.text import normalize

_BREADCRUMB_RE = re.compile(r"^(当前位置|您现在的位置|您现在所在的位置|您的位置|您所在的位置|所在位置|当前所在位置|"
                            r"现在位置|您当前的位置|您当前所在的位置|你的位置|你现在的位置|位置)\s*[:：]?")
_CHROME_TOKEN_RE = re.compile(
    r"(浏览次数|访问次数|阅读次数|点击数|点击次数|点击量|阅读量|浏览量|访问量|人气)\s*[:]?\s*[\d,]*\s*次?|"
    r"字体大小|字体|字号|默认|大|中|小|分享到|分享|打印本页|打印文章|打印此页|打印|关闭窗口|关闭本页|关闭|"
    r"收藏本页|加入收藏|我要收藏|收藏|返回顶部|返回|保存本页|纠错|我要纠错|扫一扫在手机打开当前页面?|扫一扫|"
    r"手机浏览|手机版|微信|微博|QQ空间|设为首页|首页|无障碍阅读|无障碍浏览|无障碍|长辈版|长者模式|"
    r"打开适老化模式|适老化模式|适老版|适老化|简体中文|繁体中文|简体版|繁体版|简体|繁体|English|ENGLISH|"
    r"网站支持IPV6|IPV6|站群导航|网站导航|栏目导航|导航|全文检索|搜索|登录|注册|政府信箱|文章分享|"
    r"公共资源调用站点|今天是|星期[一二三四五六日天]|下载|文件下载|正文|正文内容|文章属性|x|X|"
    r"[\[\]【】()|:·,/、\s\-.>»<«]")
FOOTER_RE = re.compile(r"^(信息来源|来源|责任编辑|编辑|作者|审核|校对|主办单位|主办|承办单位|承办|版权所有|"
                       r"网站标识码|政府网站标识码|ICP|技术支持|联系我们|网站地图|上一篇|下一篇)")
_WELCOME_RE = re.compile(r"^(欢迎访问|欢迎来到|欢迎光临|今天是)")
_SITE_RE = re.compile(r"(门户网站?|政府网|网站|信息公开网|政务网|公开平台|文件库|规章库|信息公开专栏|公开目录|"
                      r"移动版|手机版|触屏版|电脑版|PC版)$")
ORG_END_RE = re.compile(r"(人民政府|政府|委员会|办公室|办公厅|政府办|局|办|厅|部|委|镇|乡|街道|街道办事处|"
                         r"管委会|管理委员会|中心|院|所|站|队|公司|协会|法院|检察院|公署|行署|党组|指挥部)$")


def _n(line: str) -> str:
    return normalize((line or "")[:CHROME_MAX_CHARS + 1]).strip()


CHROME_MAX_CHARS = 200  # page furniture is short; longer lines are never normalised here


def is_breadcrumb(line: str) -> bool:
    n = _n(line)
    if _BREADCRUMB_RE.match(n) or n.startswith((">", "»")):
        return True
    if n.endswith((">", "»")) and len(n) <= 60:  # `觀察家網 > 專題 >`: a trail that leads on
        return True
    segments = [s for s in re.split(r"\s*(?:>+|»|/|->)\s*", n) if s]
    return len(segments) >= 3 and all(len(s) <= 20 for s in segments) and bool(re.search(r">|»", n))


def is_nav(line: str) -> bool:
    """A navigation bar: several short items separated by pipes or wide spaces."""
    n = _n(line)
    items = [s for s in re.split(r"\s*\|\s*|\s{2,}", n) if s]
    return len(items) >= 3 and all(len(s) <= 12 for s in items) and ("|" in n or len(items) >= 4)


# A document-sharing site's furniture: the file's own name (`某某办法.docx`) shown as a heading, and
# its `《….docx》由会员分享，可在线阅读…` line. An attachment line (`附件：….pdf`) is not furniture.
_FILE_NAME_RE = re.compile(r"\.(?:docx?|pdf|wps|xlsx?|pptx?|rtf)\s*$", re.I)
_SHARING_RE = re.compile(r"\.(?:docx?|pdf|wps|xlsx?|pptx?|rtf)\b.*(?:由会员分享|在线阅读|珍藏版|上传人)", re.I)


# An essay or sharing site's collection heading (`某某令116号(精选7篇)`) and the heading of one piece of
# it (`某某令116号 篇1`): the site's own headings, not the document's.
_COLLECTION_RE = re.compile(r"(?:[(（]\s*(?:精选|通用|优选|热门|最新|推荐|汇总|合集|汇编)?\s*\d{1,3}\s*篇\s*[)）]|\s篇\s*\d{1,3})$")


def is_file_furniture(n: str) -> bool:
    return ((bool(_FILE_NAME_RE.search(n)) and not n.startswith("附件")) or bool(_SHARING_RE.search(n))
            or bool(_COLLECTION_RE.search(n)))


def is_chrome(line: str) -> bool:
    """True for page furniture: breadcrumbs, 字体 大中小, 分享, 打印, 收藏, 浏览次数, 关闭窗口, language
    switches (简体/繁體), welcome lines. (A navigation bar looks like a table row: see `is_nav`.)"""
    if len(line or "") > CHROME_MAX_CHARS:
        return False
    n = _n(line)
    if not n:
        return True
    if is_breadcrumb(n) or n.startswith(("上一篇", "下一篇")) or _WELCOME_RE.match(n) or is_file_furniture(n):
        return True
    return len(n) <= 80 and not _CHROME_TOKEN_RE.sub("", n)


def is_site_name(line: str) -> bool:
    """The portal's own name (`XX市人民政府门户网站`, `乐至县政策文件库`) or an issuer line on its own."""
    n = _n(line)
    return len(n) <= 30 and bool(_SITE_RE.search(n) or ORG_END_RE.search(n))


def is_footer(line: str) -> bool:
    """信息来源, 责任编辑, 版权所有… at the end of a page."""
    return len(line) <= 80 and bool(FOOTER_RE.match(_n(line)))
