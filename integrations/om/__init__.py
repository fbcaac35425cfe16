"""The Openbaar Ministerie: the proces-verbaal of art. 6.10 to the officier van justitie."""
