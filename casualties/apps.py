from django.apps import AppConfig


class CasualtiesConfig(AppConfig):
    name = "casualties"
    verbose_name = "Casualties, cease-fires and statements"
