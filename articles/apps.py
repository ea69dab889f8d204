from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender: AppConfig, **kwargs: object) -> None:
    from django.apps import apps

    from tracker.roles import sync_roles

    sync_roles(kwargs.get("apps") or apps)


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and imports"

    def ready(self) -> None:
        # Keep role permissions in step with models added by later migrations.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="tracker-sync-roles")
