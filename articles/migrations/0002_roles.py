"""Create the journalist, editor and importer groups with their permissions."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from tracker.roles import sync_roles

    sync_roles(apps)


def drop_roles(apps, schema_editor):
    from tracker.roles import ROLE_PERMISSIONS

    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, drop_roles)]
