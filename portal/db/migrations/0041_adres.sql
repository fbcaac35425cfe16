-- The street of the address letters are sent to (Lpw art. 18 and the letters issue): the BRP
-- import's optional columns straatnaam, huisletter and huisnummertoevoeging (API.md). A jongere
-- imported without them has no postable address; a letter to them is marked for a manual one.
ALTER TABLE jongeren
    ADD COLUMN straatnaam text CHECK (length(straatnaam) <= 80),
    ADD COLUMN huisletter text CHECK (huisletter ~ '^[A-Za-z]$'),
    ADD COLUMN huisnummertoevoeging text CHECK (huisnummertoevoeging ~ '^[A-Za-z0-9]{1,4}$');
