"""The privacy officer's work: who read or changed a jongere's data (the audit log), and the
inzage overview a jongere or parent may ask for (AVG art. 15)."""
