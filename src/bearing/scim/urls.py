"""/scim/v2: the SCIM endpoints (``views.py``). No trailing slashes, as SCIM clients send."""

from django.urls import path

from bearing.scim import views

app_name = "scim"

urlpatterns = [
    path("ServiceProviderConfig", views.service_provider, name="service_provider_config"),
    path("ResourceTypes", views.resource_type_list, name="resource_types"),
    path("ResourceTypes/<str:name>", views.resource_type_detail, name="resource_type"),
    path("Schemas", views.schema_list, name="schemas"),
    path("Schemas/<str:urn>", views.schema_detail, name="schema"),
    path("Users", views.user_list, name="users"),
    path("Users/<str:user_id>", views.user_detail, name="user"),
    path("Groups", views.group_list, name="groups"),
    path("Groups/<str:group_id>", views.group_detail, name="group"),
    path("<path:rest>", views.unknown, name="unknown"),
]
