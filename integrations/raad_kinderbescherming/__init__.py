"""The Raad voor de Kinderbescherming: the consultation of art. 15 before a proces-verbaal."""
