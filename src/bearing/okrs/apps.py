from django.apps import AppConfig


class OkrsConfig(AppConfig):
    name = "bearing.okrs"
    label = "okrs"
    verbose_name = "OKRs"
