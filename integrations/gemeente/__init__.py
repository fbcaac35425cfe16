"""Another gemeente's leerplicht department: the school history of art. 3.9 after a move."""
