from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "bearing.orgs"
    label = "orgs"
    verbose_name = "Organizations and people"
