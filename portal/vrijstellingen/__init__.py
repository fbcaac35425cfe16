"""Vrijstellingen: kennisgevingen under Lpw art. 5 and applications under art. 15 (art. 11-14)."""
