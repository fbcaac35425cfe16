"""BRP: person lookup by BSN in the style of Haal Centraal BRP bevragen (POST /personen)."""
