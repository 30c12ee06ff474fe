from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "anjian.plans"
    label = "plans"
    verbose_name = "年度监督检查计划"
