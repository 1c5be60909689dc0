"""Request and response shapes of /api/v1: what clients see, kept apart from the tables."""
