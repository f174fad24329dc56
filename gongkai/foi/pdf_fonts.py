"""The fonts of the server-rendered PDF: the 公文 fonts the notice templates name, mapped to free
fonts (fonts/fonts.conf, given to LibreOffice as FONTCONFIG_FILE). `fonts_problem` asks fc-match,
with that file, what each 公文 font resolves to; a notice is not rendered to PDF while any mapping
falls back to another font (the clerk gets the reason and the Word file instead)."""
import os
import shutil
import subprocess
from pathlib import Path

from django.utils.translation import gettext as _

FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
# 公文 font named in the .docx → (free family fc-match must return, style, Debian package)
MAPPING = {
    "仿宋_GB2312": ("Noto Serif CJK SC", "Regular", "fonts-noto-cjk"),
    "仿宋": ("Noto Serif CJK SC", "Regular", "fonts-noto-cjk"),
    "方正小标宋简体": ("Noto Serif CJK SC", "Bold", "fonts-noto-cjk"),
    "黑体": ("Noto Sans CJK SC", "Regular", "fonts-noto-cjk"),
    "楷体_GB2312": ("AR PL UKai CN", "Book", "fonts-arphic-ukai"),
    "楷体": ("AR PL UKai CN", "Book", "fonts-arphic-ukai"),
    "宋体": ("Noto Serif CJK SC", "Regular", "fonts-noto-cjk"),
}
_checked = False


def fontconfig_env() -> dict:
    """The environment for LibreOffice and fc-match: the project's font mapping."""
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}


def fc_match(name: str) -> tuple[str, str]:
    """(family, style) fc-match resolves `name` to under the project's mapping."""
    out = subprocess.run(["fc-match", "-f", "%{family[0]}|%{style[0]}", name], capture_output=True, text=True,
                         env=fontconfig_env(), timeout=30, check=True).stdout
    family, _sep, style = out.partition("|")
    return family.strip(), style.strip()


def fonts_problem() -> str:
    """"" when every 公文 font resolves to its mapped free font, else the reason in Chinese."""
    global _checked
    if _checked:
        return ""
    if not shutil.which("fc-match"):
        return _("服务器未安装 fontconfig（fc-match），无法确认公文字体。")
    missing = []
    for name, (family, style, package) in MAPPING.items():
        try:
            got_family, got_style = fc_match(name)
        except (OSError, subprocess.SubprocessError):
            got_family, got_style = "", ""
        if got_family != family or (style == "Bold") != (got_style == "Bold"):
            missing.append(_("%(name)s 应映射为 %(family)s %(style)s（软件包 %(package)s），实际为 %(got)s")
                           % {"name": name, "family": family, "style": style, "package": package,
                              "got": f"{got_family} {got_style}".strip() or "—"})
    if missing:
        return _("公文字体缺失，未生成PDF：") + "；".join(missing)
    _checked = True
    return ""
