"""The HTML/mobile edition of an issue generated from its documents, and (when LibreOffice is installed)
a PDF made from that HTML with the notices' font mapping (`foi.pdf_fonts`)."""
import subprocess
import tempfile
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

from .selectors import articles_of

PDF_TIMEOUT_SECONDS = 120


def edition_html(issue, *, standalone: bool = False) -> str:
    """The issue's documents in order (bodies were sanitized when stored)."""
    return render_to_string("gazette/edition_body.html", {"issue": issue, "articles": articles_of(issue),
                                                         "standalone": standalone})


def html_to_pdf(html: str) -> bytes:
    import shutil

    from gongkai.foi import pdf_fonts

    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if not binary:
        raise UserFacingError(_("服务器未安装 LibreOffice，无法生成PDF；请上传印刷版PDF。"))
    with tempfile.TemporaryDirectory(prefix="gongkai-gazette-") as tmp:
        src = Path(tmp) / "issue.html"
        src.write_text(html, encoding="utf-8")
        profile = Path(tmp) / "profile"
        try:
            subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                            "pdf:writer_web_pdf_Export", "--outdir", tmp, str(src)], check=True,
                           capture_output=True, timeout=PDF_TIMEOUT_SECONDS, env=pdf_fonts.fontconfig_env())
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise UserFacingError(_("PDF生成失败，请上传印刷版PDF。（%(e)s）") % {"e": type(exc).__name__}) from exc
        pdf = Path(tmp) / "issue.pdf"
        if not pdf.exists():
            raise UserFacingError(_("PDF生成失败，请上传印刷版PDF。"))
        return pdf.read_bytes()


def issue_pdf_generate(*, issue, actor):
    """Generate the PDF edition from the documents and attach it (when no printed PDF was uploaded)."""
    from .services import issue_pdf_attach

    if issue.pdf and not issue.pdf_generated:
        raise UserFacingError(_("已上传印刷版PDF，无需生成。"))
    if not articles_of(issue).exists():
        raise UserFacingError(_("本期目录为空，无法生成PDF。"))
    data = html_to_pdf(edition_html(issue, standalone=True))
    return issue_pdf_attach(issue=issue, actor=actor, name=f"gazette-{issue.year}-{issue.number}.pdf", data=data,
                            generated=True)
