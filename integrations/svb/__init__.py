"""SVB: the melding that the Leerplichtwet is not complied with (kinderbijslag), and its undoing."""
