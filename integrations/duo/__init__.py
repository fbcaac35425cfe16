"""DUO (Register Onderwijsdeelnemers, verzuimloket): melding status and closing, vrijstellingen."""
