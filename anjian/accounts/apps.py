from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "anjian.accounts"
    label = "accounts"
    verbose_name = "用户与角色"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from .history import keep_replaced_hash

        pre_save.connect(keep_replaced_hash, sender=get_user_model(), dispatch_uid="password-history")
