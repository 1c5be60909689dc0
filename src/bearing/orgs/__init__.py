"""Tenants and people: organizations, persons, memberships, teams and API tokens."""
