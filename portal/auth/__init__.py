"""Who is asking: bearer tokens, OIDC login, sessions, principals and the guards on routes."""
