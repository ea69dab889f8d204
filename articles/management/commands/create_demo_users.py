"""Create one demo account per role, for trying the tracker locally."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from tracker.roles import ROLE_PERMISSIONS


class Command(BaseCommand):
    help = "Create (or reset) a demo user in every role group and print the credentials."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--password", default="demo-password", help="Password for every demo user."
        )

    def handle(self, *args: object, password: str, **options: object) -> None:
        user_model = get_user_model()
        self.stdout.write("Demo users (username / password):")
        for role in ROLE_PERMISSIONS:
            group = Group.objects.get(name=role)
            user, _ = user_model.objects.get_or_create(username=f"demo-{role}")
            user.set_password(password)
            # Importers edit sources, actors and aliases in the admin, which needs staff status.
            user.is_staff = role == "importer"
            user.save()
            user.groups.set([group])
            self.stdout.write(f"  {user.username:<16} {password}   ({role})")
