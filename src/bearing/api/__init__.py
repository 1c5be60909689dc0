"""The HTTP API at /api/v1 (django-ninja): routers per resource, schemas apart from tables."""
