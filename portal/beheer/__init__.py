"""Beheer: the principal's own profile, teams and users of a tenant."""
