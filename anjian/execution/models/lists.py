"""The bureau's published inspection-item list (检查事项清单) and its contact points (基层联系点) with their feedback."""

from django.db import models

from anjian.registry.models import Agency, Enterprise, Office


class ItemListPublication(models.Model):
    """One published version of the bureau's 检查事项清单 (涉企行政检查事项清单): a new version withdraws the
    items of the previous one, so inspections tick only the items in force on their date."""

    agency = models.ForeignKey(
        Agency, verbose_name="部门", on_delete=models.PROTECT, related_name="item_list_publications"
    )
    year = models.PositiveSmallIntegerField("年度")
    document_no = models.CharField("公布文号", max_length=60)
    title = models.CharField("标题", max_length=200, blank=True)
    published_on = models.DateField("公布日期")
    published_by = models.CharField("操作人", max_length=60, blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "检查事项清单公布"
        verbose_name_plural = "检查事项清单公布记录"
        ordering = ["agency", "published_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "document_no"], name="item_list_publication_unique_no")
        ]

    def __str__(self) -> str:
        return f"{self.title or '检查事项清单'}（{self.document_no}）"


class InspectionItem(models.Model):
    """One line of the bureau's 检查事项清单, published on a date and possibly withdrawn later."""

    publication = models.ForeignKey(
        ItemListPublication, verbose_name="所属清单版本", null=True, blank=True, on_delete=models.PROTECT,
        related_name="items",
    )  # fmt: skip

    agency = models.ForeignKey(
        Agency, verbose_name="部门", on_delete=models.PROTECT, related_name="inspection_items"
    )
    name = models.CharField("检查事项", max_length=200)
    basis = models.CharField("检查依据", max_length=300)
    subject = models.CharField("检查对象", max_length=200, blank=True)
    published_on = models.DateField("公布日期")
    withdrawn_on = models.DateField("停用日期", null=True, blank=True)
    sort_order = models.PositiveIntegerField("序号", default=0)

    class Meta:
        verbose_name = "检查事项"
        verbose_name_plural = "检查事项清单"
        ordering = ["agency", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ContactPoint(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="部门", on_delete=models.PROTECT, related_name="contact_points"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="联系点企业", on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(
        Office, verbose_name="联系股室", null=True, blank=True, on_delete=models.SET_NULL
    )
    year = models.PositiveSmallIntegerField("年度")

    class Meta:
        verbose_name = "基层联系点"
        verbose_name_plural = "基层联系点"
        constraints = [
            models.UniqueConstraint(fields=["agency", "enterprise", "year"], name="contact_point_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise}（{self.year}）"


class ContactFeedback(models.Model):
    contact_point = models.ForeignKey(
        ContactPoint, verbose_name="联系点", on_delete=models.CASCADE, related_name="feedback"
    )
    date = models.DateField("日期")
    content = models.TextField("企业反馈")
    response = models.TextField("处理情况", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.CharField("答复人", max_length=60, blank=True)

    class Meta:
        verbose_name = "联系点反馈"
        verbose_name_plural = "联系点反馈"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.contact_point} {self.date}"
