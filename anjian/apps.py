from django.apps import AppConfig


class AnjianConfig(AppConfig):
    name = "anjian"
    verbose_name = "安监计划"
