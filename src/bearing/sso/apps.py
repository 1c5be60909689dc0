from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "bearing.sso"
    label = "sso"
    verbose_name = "Single sign-on"
