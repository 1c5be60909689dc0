"""The server-rendered web UI: Django templates with htmx, no JavaScript build step."""
