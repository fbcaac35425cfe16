-- The parents' phone numbers as the school gave them with a melding (at most two contacts), for
-- the leerplichtambtenaar who must reach the parents; the BRP holds names, no phone numbers.
ALTER TABLE meldingen ADD COLUMN contact_ouders jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(contact_ouders) = 'array' AND jsonb_array_length(contact_ouders) <= 2);
