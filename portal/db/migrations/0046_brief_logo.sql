-- A gemeente's own logo on its letters, uploaded by its functioneel beheerder (SVG, as gemeenten
-- keep their huisstijl; at most 200 kB). Without one the portal's logo of the gemeente is used.
ALTER TABLE brief_afzender ADD COLUMN logo_svg text CHECK (length(logo_svg) <= 200000);
