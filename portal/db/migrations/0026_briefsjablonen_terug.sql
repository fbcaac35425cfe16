-- A functioneel beheerder may take a gemeente's own letter template away again (back to the
-- default); the row only ever held the template text, never personal data.
GRANT DELETE ON brief_sjablonen TO rmc_app;
