"""Writes: keyword-only use cases, each one transaction, each recording its change."""
