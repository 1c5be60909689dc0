"""Django's SQLite backend with one change: a stored decimal that does not fit its column
is read back as the number it is, instead of failing the whole query (see base.py)."""
