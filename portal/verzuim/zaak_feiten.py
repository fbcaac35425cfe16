"""The facts a step needs, looked up by the portal (age, BOA status, earlier meldingen and Halt
referrals, the verhoor announced, the teammanager's akkoord, startkwalificatie, vrijstelling,
enrolment), never taken from the request."""

from __future__ import annotations

from portal.auth.permissions import Permission, allows
from portal.auth.principal import Principal
from portal.db.pool import Tx
from portal.domain.leerplicht import (
    Diploma,
    Vrijstelling,
    leeftijd,
    startkwalificatie,
    vrijstelling_op,
)
from portal.domain.personen import Jongere
from portal.domain.zaak import (
    Feiten,
)
from portal.verzuim.zaak_models import MeldingRij, Vaststellingen, ZaakRij


async def feiten_van_stap(
    tx: Tx, principal: Principal, zaak: ZaakRij, v: Vaststellingen
) -> tuple[Feiten, Jongere, MeldingRij | None]:
    """The facts for the state machine, and the jongere and melding they came from."""
    rij = await tx.conn.fetchrow("SELECT * FROM jongeren WHERE id = $1", zaak.jongere_id)
    assert rij is not None
    jongere = Jongere.van(rij)
    vandaag = tx.vandaag
    melding_rij = await tx.conn.fetchrow(
        "SELECT brin, vestiging, verzuimde_uren, periode_van, periode_tot, soort, wettelijk"
        " FROM meldingen WHERE id = $1",
        zaak.melding_id,
    )
    melding = MeldingRij.van(melding_rij) if melding_rij else None
    uren = 0
    if (
        melding
        and melding.verzuimde_uren is not None
        and (melding.periode_tot - melding.periode_van).days < 28
    ):
        uren = melding.verzuimde_uren
    counts = await tx.conn.fetchrow(
        """SELECT (SELECT count(*) FROM meldingen WHERE jongere_id = $1) AS meldingen,
                  (SELECT count(*) FROM zaakstappen s JOIN zaken z ON z.id = s.zaak_id
                   WHERE z.jongere_id = $1 AND s.actie = 'halt_verwijzen') AS halt,
                  (SELECT count(*) FROM zaakstappen WHERE zaak_id = $2
                   AND actie = 'halt_afdoening_negatief') AS halt_negatief,
                  (SELECT count(*) FILTER (WHERE actie = 'svb_melden')
                        - count(*) FILTER (WHERE actie = 'svb_ongedaan_maken')
                   FROM zaakstappen WHERE zaak_id = $2) AS svb_open,
                  EXISTS (SELECT 1 FROM svb_laatste_woord WHERE zaak_id = $2
                          AND actie = 'svb_voorleggen') AS svb_voorgelegd,
                  (SELECT count(*) FILTER (WHERE actie = 'svb_akkoord')
                        - count(*) FILTER (WHERE actie = 'svb_melden')
                   FROM zaakstappen WHERE zaak_id = $2) AS svb_akkoord,
                  EXISTS (SELECT 1 FROM zaakstappen WHERE zaak_id = $2
                          AND actie = 'verhoor_aankondigen') AS verhoor,
                  EXISTS (SELECT 1 FROM inschrijvingen WHERE jongere_id = $1) AS eerder_school,
                  coalesce((SELECT array_agg(diploma) FROM diplomas WHERE jongere_id = $1), '{}')
                      AS dip_soort,
                  coalesce((SELECT array_agg(datum) FROM diplomas WHERE jongere_id = $1), '{}')
                      AS dip_datum,
                  coalesce((SELECT array_agg(grond ORDER BY van) FROM vrijstellingen
                            WHERE jongere_id = $1), '{}') AS vrij_grond,
                  coalesce((SELECT array_agg(van ORDER BY van) FROM vrijstellingen
                            WHERE jongere_id = $1), '{}') AS vrij_van,
                  coalesce((SELECT array_agg(tot ORDER BY van) FROM vrijstellingen
                            WHERE jongere_id = $1), '{}') AS vrij_tot,
                  EXISTS (SELECT 1 FROM inschrijvingen WHERE jongere_id = $1
                          AND datum_inschrijving <= $3
                          AND (datum_uitschrijving IS NULL OR datum_uitschrijving >= $3))
                      AS ingeschreven""",
        zaak.jongere_id,
        zaak.id,
        vandaag,
    )
    assert counts is not None
    diplomas = [
        Diploma(d, op) for d, op in zip(counts["dip_soort"], counts["dip_datum"], strict=True)
    ]
    vrijstellingen = [
        Vrijstelling(g, van, tot)
        for g, van, tot in zip(
            counts["vrij_grond"], counts["vrij_van"], counts["vrij_tot"], strict=True
        )
    ]
    wettelijk = bool(melding and melding.wettelijk)
    if melding and melding.soort == "rmc":
        # 18+: the school must report after 4 weeks' continuous absence; earlier is a choice (7.1).
        wettelijk = (melding.periode_tot - melding.periode_van).days + 1 >= 28
    feiten = Feiten(
        leeftijd=leeftijd(jongere.geboortedatum, vandaag),
        eerste_melding=counts["meldingen"] <= 1,
        verwijtbaar=v.verwijtbaar,
        kennelijke_opzet=v.kennelijke_opzet,
        eerste_overtreding_met_zorg=v.eerste_overtreding_met_zorg,
        uren_in_4_weken=uren,
        keer_te_laat=v.keer_te_laat,
        eerder_naar_halt=counts["halt"] > 0,
        boa=principal.boa,
        toestemming_jongere=v.toestemming_jongere,
        toestemming_ouders=v.toestemming_ouders,
        startkwalificatie=startkwalificatie(diplomas, vandaag) is not None,
        vrijgesteld=vrijstelling_op(vrijstellingen, vandaag) is not None,
        ingeschreven=counts["ingeschreven"],
        teammanager=allows(principal, Permission.APPROVE),
        svb_voorgelegd=counts["svb_voorgelegd"],
        # The teammanager's approval (art. 19.2): given as a step, or the teammanager melds.
        akkoord_teammanager=allows(principal, Permission.APPROVE) or counts["svb_akkoord"] > 0,
        weigert_mee_te_werken=v.weigert_mee_te_werken,
        recidive=v.recidive,
        ouders_meewerkend=v.ouders_meewerkend,
        verhoor_aangekondigd=counts["verhoor"],
        hulpverlening_voorliggend=v.hulpverlening_voorliggend,
        om_geraadpleegd=v.om_geraadpleegd,
        halt_negatief=counts["halt_negatief"] > 0,
        reden_afsluiten=v.reden_afsluiten,
        svb_oproep_gedaan=v.svb_oproep_gedaan,
        svb_afspraken_volledig=v.svb_afspraken is not None
        and v.svb_afspraken.evaluatiedatum > vandaag,
        svb_gemeld=counts["svb_open"] > 0,
        voorwaarden_vervuld=v.voorwaarden_vervuld,
        verzuim_gestopt=v.verzuim_gestopt,
        wettelijke_melding=wettelijk,
        zonder_achtergrond=v.zonder_achtergrond,
        plan_van_aanpak=bool(v.plan_van_aanpak and v.plan_van_aanpak.strip()),
        ernstig=v.ernstig,
        oorzaak=v.oorzaak,
        vorige_school=counts["eerder_school"],
        advies_opgevolgd=v.advies_opgevolgd,
        vsv_reden=bool(zaak.vsv_reden or (v.vsv_reden and v.vsv_reden.strip())),
        inkomen=v.inkomen or zaak.inkomen,
        dagbesteding=v.dagbesteding if v.dagbesteding is not None else zaak.dagbesteding,
        verdachten=v.verdachten,
    )
    return feiten, jongere, melding
