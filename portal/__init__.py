"""RMC portal: registratie- en zaaksysteem Leerplicht en RMC, RMC-regio Agglomeratie Amsterdam."""
