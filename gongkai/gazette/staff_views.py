"""Staff pages: issues, their contents in order (add, move, 标准文本, remove), the printed PDF (upload or
generate), the workflow, and the import of back issues."""
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.catalog.models import Document
from gongkai.core.errors import UserFacingError

from .edition import issue_pdf_generate
from .forms import ArticleForm, ImportCsvForm, ImportPdfForm, IssueForm, PdfForm
from .importing import issue_import_pdf, issues_import_csv
from .selectors import issue_for_user, issues_for_user
from .services import article_add, article_move, article_remove, article_update, issue_create, issue_pdf_attach, \
    issue_transition
from .transitions import transitions_from

MAX_IMPORT_BYTES = 5 * 1024 * 1024


@login_required
def staff_list(request):
    form = IssueForm(request.POST or None, user=request.user)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            issue = issue_create(actor=request.user, **form.cleaned_data)
        except UserFacingError as exc:
            error = exc.message
        else:
            return redirect("gazette_staff:issue", issue.pk)
    return render(request, "gazette/staff_list.html", {"form": form, "error": error,
                                                       "issues": issues_for_user(user=request.user)},
                  status=400 if error else 200)


def _issue_page(request, issue, *, error="", status=200):
    return render(request, "gazette/staff_issue.html", {
        "issue": issue, "articles": issue.articles.select_related("document").order_by("position"),
        "article_form": ArticleForm(), "pdf_form": PdfForm(), "transitions": transitions_from(issue.status),
        "error": error}, status=status)


@login_required
def staff_issue(request, pk):
    return _issue_page(request, issue_for_user(user=request.user, pk=pk))


def _document(issue, key):
    key = key.strip()
    q = Q(index_no=key)
    if key.isdigit():
        q |= Q(pk=int(key))
    return Document.objects.filter(q, agency__path__startswith=issue.agency.path).first()


@login_required
@require_POST
def staff_action(request, pk):
    issue = issue_for_user(user=request.user, pk=pk)
    what = request.POST.get("what", "")
    try:
        if what == "add":
            form = ArticleForm(request.POST)
            if not form.is_valid():
                raise UserFacingError(_("请填写文件索引号。"))
            document = _document(issue, form.cleaned_data["document"])
            if document is None:
                raise UserFacingError(_("未找到该索引号的文件（只能收录本机关及其所属部门的文件）。"))
            standard = form.cleaned_data["standard"]
            article_add(issue=issue, actor=request.user, document=document, section=form.cleaned_data["section"],
                        page=form.cleaned_data["page"], is_standard_text=None if standard == "" else standard == "1")
        elif what in ("up", "down", "remove", "standard"):
            article = issue.articles.filter(pk=request.POST.get("article") or 0).first()
            if article is None:
                raise UserFacingError(_("未找到该文章。"))
            if what == "remove":
                article_remove(article=article, actor=request.user)
            elif what == "standard":
                article_update(article=article, actor=request.user, is_standard_text=not article.is_standard_text)
            else:
                article_move(article=article, actor=request.user, direction=what)
        elif what == "pdf":
            form = PdfForm(request.POST, request.FILES)
            if not form.is_valid():
                raise UserFacingError(_("请选择PDF文件。"))
            upload = form.cleaned_data["pdf"]
            issue_pdf_attach(issue=issue, actor=request.user, name=upload.name, data=upload.read())
        elif what == "generate":
            issue_pdf_generate(issue=issue, actor=request.user)
        else:
            issue_transition(issue=issue, action=request.POST.get("action", ""), actor=request.user,
                             reason=request.POST.get("reason", ""))
    except UserFacingError as exc:
        issue.refresh_from_db()
        return _issue_page(request, issue, error=exc.message, status=400)
    return redirect("gazette_staff:issue", issue.pk)


@login_required
def staff_import(request):
    csv_form = ImportCsvForm(user=request.user)
    pdf_form = ImportPdfForm(user=request.user, prefix="pdf")
    error, done = "", ""
    if request.method == "POST":
        try:
            if request.POST.get("what") == "pdf":
                pdf_form = ImportPdfForm(request.POST, request.FILES, user=request.user, prefix="pdf")
                if not pdf_form.is_valid():
                    raise UserFacingError(_("请填写期次信息并选择PDF文件。"))
                d = pdf_form.cleaned_data
                issue = issue_import_pdf(agency=d["agency"], actor=request.user, year=d["year"], number=d["number"],
                                         total_number=d["total_number"], publish_date=d["publish_date"],
                                         name=d["pdf"].name, data=d["pdf"].read(), publish=d["publish"])
                return redirect("gazette_staff:issue", issue.pk)
            csv_form = ImportCsvForm(request.POST, request.FILES, user=request.user)
            if not csv_form.is_valid():
                raise UserFacingError(_("请选择主办机关和CSV文件。"))
            upload = csv_form.cleaned_data["file"]
            if upload.size > MAX_IMPORT_BYTES:
                raise UserFacingError(_("CSV 文件过大（最大 5 MB）。"))
            result = issues_import_csv(agency=csv_form.cleaned_data["agency"], actor=request.user,
                                       data=upload.read(), publish=csv_form.cleaned_data["publish"])
            done = _("已导入 %(i)d 期、%(a)d 篇。") % {"i": result.issues, "a": result.articles}
        except UserFacingError as exc:
            error = exc.message
    return render(request, "gazette/staff_import.html", {"csv_form": csv_form, "pdf_form": pdf_form,
                                                         "error": error, "done": done},
                  status=400 if error else 200)
