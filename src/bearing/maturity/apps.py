from django.apps import AppConfig


class MaturityConfig(AppConfig):
    name = "bearing.maturity"
    label = "maturity"
    verbose_name = "Maturity"
