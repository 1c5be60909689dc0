from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "bearing.integrations"
    label = "integrations"
    verbose_name = "Data sources"
