from django.apps import AppConfig


class ScimConfig(AppConfig):
    name = "bearing.scim"
    label = "scim"
    verbose_name = "SCIM provisioning"
