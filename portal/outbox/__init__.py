"""Transactional outbox: nothing leaves the portal except through it, and nothing is lost."""
