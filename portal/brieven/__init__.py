"""Letters: templates per tenant, rendered to PDF, kept in the dossier with their hash."""
