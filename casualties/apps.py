from django.apps import AppConfig


class CasualtiesConfig(AppConfig):
    name = "casualties"
    verbose_name = "Casualties, cease-fires and statements"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from casualties.page_cache import forget_rights

        user = get_user_model()
        for model in (user, Group, Permission):
            post_save.connect(forget_rights, sender=model, dispatch_uid=f"rights-{model}")
            post_delete.connect(forget_rights, sender=model, dispatch_uid=f"rights-d-{model}")
        for through in (
            user.groups.through,
            user.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(forget_rights, sender=through, dispatch_uid=f"rights-{through}")
