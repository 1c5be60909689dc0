from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "bearing.web"
    label = "web"
    verbose_name = "Web UI"
