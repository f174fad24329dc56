"""Agencies (the government and its departments) and who works for which."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .codes import clean_code, is_valid_org_code, uscc_problem

DEFAULT_INDEX_FORMAT = "{code}/{year}-{serial:05d}"


class Agency(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("人民政府")
        DEPARTMENT = "department", _("政府部门")
        OTHER = "other", _("其他机构")

    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        CITY = "city", _("市级")
        COUNTY = "county", _("县级")
        TOWNSHIP = "township", _("乡级")

    name = models.CharField(_("名称"), max_length=120)
    short_name = models.CharField(_("简称"), max_length=60, blank=True)
    slug = models.SlugField(_("代号"), max_length=60, unique=True,
                            help_text=_("网址与命令行中使用的英文代号"))
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.DEPARTMENT)
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices, default=Level.CITY)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("上级机关"))
    path = models.CharField(max_length=255, editable=False, db_index=True, default="/")
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    org_code = models.CharField(_("组织机构代码"), max_length=10, blank=True)
    index_code = models.CharField(_("索引号前段码"), max_length=32, blank=True,
                                  help_text=_("留空时使用统一社会信用代码，其次组织机构代码"))
    index_format = models.CharField(_("索引号格式"), max_length=64, default=DEFAULT_INDEX_FORMAT,
                                    help_text=_("可用 {code}、{year}、{serial}；默认 {code}/{year}-{serial:05d}"))
    is_catch_all = models.BooleanField(_("兜底机构"), default=False,
                                       help_text=_("导入时无法匹配发布机构的文件归入此机构"))
    aliases = models.TextField(_("别名"), blank=True, help_text=_("每行一个；导入时用来匹配发布机构"))
    sort_order = models.IntegerField(_("排序"), default=0)
    # 条例 Art. 12: the 公开指南 lists the disclosure office's contact details.
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=120, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=120, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    office_fax = models.CharField(_("传真"), max_length=60, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    postal_code = models.CharField(_("邮政编码"), max_length=6, blank=True)

    class Meta:
        ordering = ["path", "sort_order", "id"]
        verbose_name = _("机关")
        verbose_name_plural = _("机关")

    def __str__(self):
        return self.name

    def clean(self):
        if self.uscc:
            self.uscc = clean_code(self.uscc)
            problem = uscc_problem(self.uscc)
            if problem:
                raise ValidationError({"uscc": problem})
        if self.org_code:
            self.org_code = clean_code(self.org_code)
            if not is_valid_org_code(self.org_code):
                raise ValidationError({"org_code": _("组织机构代码校验位错误。")})
        try:
            self.index_format.format(code="X", year=2024, serial=1)
        except (KeyError, ValueError, IndexError):
            raise ValidationError({"index_format": _("索引号格式无效。")})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        parent_path = self.parent.path if self.parent_id else "/"
        path = f"{parent_path}{self.pk}/"
        if path != self.path:
            old = self.path
            self.path = path
            Agency.objects.filter(pk=self.pk).update(path=path)
            if old != "/":
                for child in Agency.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    child.path = path + child.path[len(old):]
                    Agency.objects.filter(pk=child.pk).update(path=child.path)

    @property
    def effective_index_code(self):
        return self.index_code or self.uscc or self.org_code or self.slug.upper()

    def descendants(self, include_self=True):
        qs = Agency.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def alias_list(self):
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]


class Role(models.TextChoices):
    ADMIN = "admin", _("管理员")
    OFFICE = "office", _("公开办")
    EDITOR = "editor", _("编辑")
    REVIEWER = "reviewer", _("审核")
    APPROVER = "approver", _("负责人（审批）")
    # An outside evaluator (第三方评估): reads the 测评 dashboard and the records behind it, writes nothing.
    EVALUATOR = "evaluator", _("评估（只读）")


# Roles that see their agency's whole subtree (a government's 公开办 supervises its departments; the
# evaluator assesses them).
SUBTREE_ROLES = {Role.ADMIN, Role.OFFICE, Role.EVALUATOR}


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships", verbose_name=_("用户"))
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships",
                               verbose_name=_("机关"))
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)

    class Meta:
        unique_together = [("user", "agency", "role")]
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")

    def __str__(self):
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
