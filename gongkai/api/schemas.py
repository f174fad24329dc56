"""Response schemas of the JSON API, with Chinese descriptions for the OpenAPI document."""
import datetime as dt
from typing import Optional

from django.utils import timezone
from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(..., description="错误说明（中文）")


class AgencyRef(Schema):
    id: int = Field(..., description="机关编号")
    name: str = Field(..., description="机关名称")
    slug: str = Field(..., description="机关代号（用于筛选）")


class SubjectRef(Schema):
    id: int = Field(..., description="主题分类编号")
    name: str = Field(..., description="主题分类名称")
    parent: Optional[str] = Field(None, description="上级（一级）主题分类名称；一级分类为空")

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.name if obj.parent_id else None


class DocumentItem(Schema):
    id: int = Field(..., description="文件编号")
    index_no: Optional[str] = Field(None, description="索引号")
    title: str = Field(..., description="名称")
    doc_no: str = Field("", description="发文字号（GB/T 9704 格式）")
    agency: AgencyRef = Field(..., description="发布机构")
    subject: Optional[SubjectRef] = Field(None, description="主题分类")
    category: str = Field(..., description="信息类别代码")
    category_label: str = Field(..., description="信息类别名称")
    genre: str = Field(..., description="文种")
    keywords: str = Field("", description="主题词")
    written_date: Optional[dt.date] = Field(None, description="成文日期")
    publish_date: Optional[dt.date] = Field(None, description="发布日期")
    validity: str = Field("", description="有效性代码：valid 有效、amended 已修改、abolished 已废止、expired 已失效；空为不适用")
    validity_label: str = Field("", description="有效性名称")
    url: str = Field(..., description="门户网站上的页面地址")

    @staticmethod
    def resolve_category_label(obj):
        return str(obj.get_category_display())

    @staticmethod
    def resolve_validity_label(obj):
        return str(obj.get_validity_display()) if obj.validity else ""

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class AttachmentOut(Schema):
    id: int = Field(..., description="附件编号")
    name: str = Field(..., description="文件名", alias="original_name")
    content_type: str = Field("", description="文件类型（按内容识别）")
    size: int = Field(..., description="字节数")
    sha256: str = Field(..., description="SHA-256 摘要")
    url: str = Field(..., description="下载地址")

    @staticmethod
    def resolve_url(obj):
        from django.urls import reverse

        return reverse("portal:attachment", args=[obj.document_id, obj.pk])


class StaffAttachmentOut(AttachmentOut):
    """An attachment as staff download it, from the console (any status)."""

    @staticmethod
    def resolve_url(obj):
        from django.urls import reverse

        return reverse("console:attachment_download", args=[obj.document_id, obj.pk])


class DocumentRef(Schema):
    id: int = Field(..., description="文件编号")
    index_no: Optional[str] = Field(None, description="索引号")
    title: str = Field(..., description="名称")


class RelationsOut(Schema):
    interpretations: list[DocumentRef] = Field([], description="解读本文件的文件")
    interprets: list[DocumentRef] = Field([], description="本文件所解读的政策")
    amended_by: list[DocumentRef] = Field([], description="修改本文件的文件")
    abolished_by: list[DocumentRef] = Field([], description="废止本文件的文件")
    amends: list[DocumentRef] = Field([], description="本文件修改的文件")
    abolishes: list[DocumentRef] = Field([], description="本文件废止的文件")


class RevisionOut(Schema):
    number: int = Field(..., description="发布版本号")
    sha256: str = Field(..., description="发布内容的 SHA-256 摘要")
    created_at: dt.datetime = Field(..., description="发布时间（北京时间，+08:00）")

    @staticmethod
    def resolve_created_at(obj):
        return timezone.localtime(obj.created_at)


class DocumentDetail(DocumentItem):
    summary: str = Field("", description="内容概述")
    body_html: str = Field("", description="正文（已净化的 HTML）")
    disclosure: str = Field(..., description="公开方式代码")
    effective_date: Optional[dt.date] = Field(None, description="生效日期")
    expiry_date: Optional[dt.date] = Field(None, description="废止或失效日期")
    attachments: list[AttachmentOut] = Field([], description="附件")
    relations: RelationsOut = Field(..., description="关联文件（仅含已公开的文件）")
    revision: Optional[RevisionOut] = Field(None, description="最近一次发布版本")

    @staticmethod
    def resolve_relations(obj):
        from gongkai.catalog.selectors import document_relations_public

        return document_relations_public(document=obj)

    @staticmethod
    def resolve_revision(obj):
        return obj.revisions.order_by("-number").first()


class DocumentPage(Schema):
    count: int = Field(..., description="符合条件的文件总数")
    limit: int = Field(..., description="本页最多条数")
    offset: int = Field(..., description="跳过的条数")
    items: list[DocumentItem] = Field(..., description="本页文件")


class AgencyNode(Schema):
    id: int = Field(..., description="机关编号")
    name: str = Field(..., description="机关名称")
    short_name: str = Field("", description="简称")
    slug: str = Field(..., description="代号")
    kind: str = Field(..., description="类型：government 人民政府、department 政府部门、other 其他机构")
    level: str = Field(..., description="层级：province、city、county、township")
    uscc: str = Field("", description="统一社会信用代码")
    children: list["AgencyNode"] = Field([], description="下级机关")


class SubjectNode(Schema):
    id: int = Field(..., description="主题分类编号")
    name: str = Field(..., description="名称")
    is_local: bool = Field(False, description="是否为地方增设分类")
    children: list["SubjectNode"] = Field([], description="下级分类")


AgencyNode.model_rebuild()
SubjectNode.model_rebuild()


class StaffDocumentItem(DocumentItem):
    """A document as staff see it; `url` is its console page."""

    status: str = Field(..., description="状态代码：draft 草稿、pending 待审核、published 已发布、withdrawn 已撤回")
    status_label: str = Field(..., description="状态名称")
    status_reason: str = Field("", description="最近一次退回或撤回理由")
    disclosure: str = Field(..., description="公开方式代码")
    updated_at: dt.datetime = Field(..., description="最后修改时间（北京时间，+08:00）")

    @staticmethod
    def resolve_updated_at(obj):
        return timezone.localtime(obj.updated_at)

    @staticmethod
    def resolve_status_label(obj):
        return str(obj.get_status_display())

    @staticmethod
    def resolve_url(obj):
        from django.urls import reverse

        return reverse("console:document", args=[obj.pk])


class StaffDocumentDetail(StaffDocumentItem):
    summary: str = Field("", description="内容概述")
    body_html: str = Field("", description="正文（已净化的 HTML）")
    effective_date: Optional[dt.date] = Field(None, description="生效日期")
    expiry_date: Optional[dt.date] = Field(None, description="废止或失效日期")
    attachments: list[StaffAttachmentOut] = Field([], description="附件")
    revisions: list[RevisionOut] = Field([], description="全部发布版本")

    @staticmethod
    def resolve_revisions(obj):
        return list(obj.revisions.order_by("number"))


class StaffDocumentPage(Schema):
    count: int = Field(..., description="符合条件的文件总数")
    limit: int = Field(..., description="本页最多条数")
    offset: int = Field(..., description="跳过的条数")
    items: list[StaffDocumentItem] = Field(..., description="本页文件")
