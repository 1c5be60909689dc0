"""Bearing: an open-source OKR platform."""

__version__ = "0.1.0"
