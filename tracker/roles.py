"""The three newsroom roles and the permissions each one holds, as data.

``sync_roles`` is idempotent: the data migration calls it to create the groups, and a
``post_migrate`` hook calls it again so that models added by later migrations are
granted to the right roles without another hand-written migration.
"""

from __future__ import annotations

from typing import Any

ALL_MODELS = "*"
TRACKED_APPS = ("articles", "casualties")

# Models whose rows are extracted records an editor may correct.
RECORD_MODELS = ("record", "casualtyclaim", "ceasefireevent", "statement")
# Models an importer manages besides the batches themselves.
IMPORT_MODELS = ("importbatch", "article", "outlet")
REGISTRY_MODELS = ("actor", "actoralias", "place", "placealias")

# role -> list of (app label, action, model names or ALL_MODELS)
ROLE_PERMISSIONS: dict[str, list[tuple[str, str, Any]]] = {
    "journalist": [(app, "view", ALL_MODELS) for app in TRACKED_APPS],
    "editor": [
        *[(app, "view", ALL_MODELS) for app in TRACKED_APPS],
        ("casualties", "add", RECORD_MODELS),
        ("casualties", "change", RECORD_MODELS),
    ],
    "importer": [
        *[(app, "view", ALL_MODELS) for app in TRACKED_APPS],
        ("articles", "add", IMPORT_MODELS),
        ("articles", "change", IMPORT_MODELS),
        ("articles", "delete", ("outlet",)),
        ("casualties", "add", REGISTRY_MODELS),
        ("casualties", "change", REGISTRY_MODELS),
        ("casualties", "delete", ("actoralias", "placealias")),
    ],
}


def role_codenames(role: str, models_by_app: dict[str, list[str]]) -> set[tuple[str, str]]:
    """Return ``{(app_label, codename)}`` for a role, given the models that exist now."""
    wanted: set[tuple[str, str]] = set()
    for app_label, action, models in ROLE_PERMISSIONS[role]:
        present = models_by_app.get(app_label, [])
        names = present if models == ALL_MODELS else [m for m in models if m in present]
        wanted.update((app_label, f"{action}_{name}") for name in names)
    return wanted


def sync_roles(apps: Any) -> None:
    """Create the role groups and set their permissions to exactly the spec."""
    from django.contrib.auth.management import create_permissions

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    models_by_app: dict[str, list[str]] = {}
    for app_label in TRACKED_APPS:
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            continue
        # Permissions are normally created after all migrations; make them now. Inside a
        # migration the app config is a stub without ``models_module``, which
        # ``create_permissions`` needs to be truthy.
        had_module = getattr(app_config, "models_module", None)
        app_config.models_module = had_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = had_module
        models_by_app[app_label] = [m._meta.model_name for m in app_config.get_models()]

    for role in ROLE_PERMISSIONS:
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = role_codenames(role, models_by_app)
        permissions = [
            p
            for p in permission_model.objects.filter(
                content_type__app_label__in=TRACKED_APPS
            ).select_related("content_type")
            if (p.content_type.app_label, p.codename) in wanted
        ]
        group.permissions.set(permissions)
