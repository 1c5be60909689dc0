"""One router per resource; ``app.py`` mounts them all at /api/v1."""
