"""RMC: the region's VSV list, its rows for the regiogemeenten, and (later) overdrachten."""
