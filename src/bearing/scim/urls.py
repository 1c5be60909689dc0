"""/scim/v2: the SCIM endpoints (``views.py``). SCIM clients send no trailing slash; one sent
anyway is taken as the same path rather than a 404."""

from django.urls import re_path

from bearing.scim import views

app_name = "scim"

ID = r"(?P<{}>[^/]+)"

urlpatterns = [
    re_path(r"^ServiceProviderConfig/?$", views.service_provider, name="service_provider_config"),
    re_path(r"^ResourceTypes/?$", views.resource_type_list, name="resource_types"),
    re_path(rf"^ResourceTypes/{ID.format('name')}/?$", views.resource_type_detail,
            name="resource_type"),
    re_path(r"^Schemas/?$", views.schema_list, name="schemas"),
    re_path(rf"^Schemas/{ID.format('urn')}/?$", views.schema_detail, name="schema"),
    re_path(r"^Users/?$", views.user_list, name="users"),
    re_path(rf"^Users/{ID.format('user_id')}/?$", views.user_detail, name="user"),
    re_path(r"^Groups/?$", views.group_list, name="groups"),
    re_path(rf"^Groups/{ID.format('group_id')}/?$", views.group_detail, name="group"),
    re_path(r"^(?P<rest>.*)$", views.unknown, name="unknown"),
]  # fmt: skip
