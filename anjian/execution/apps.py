from django.apps import AppConfig


class ExecutionConfig(AppConfig):
    name = "anjian.execution"
    label = "execution"
    verbose_name = "计划执行"
