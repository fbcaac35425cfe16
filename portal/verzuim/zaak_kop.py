"""The head of a case: whom it is about (the jongere, the school, the parents), what came in (the
melding with what the school did and who reported it, or what the control found), who handles it,
and where it stands. One query beside the case's own, read in the case's transaction, so the
case page and `GET /api/v1/zaken/{id}` say the same and the read is audited with the case.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import msgspec

from portal.clock import ZONE
from portal.db.pool import Tx
from portal.domain.adres import Adres, regels
from portal.domain.leerplicht import leeftijd
from portal.domain.zaakstand import OpenTermijn, wacht_op


class Ouder(msgspec.Struct, frozen=True):
    naam: str


class OuderContact(msgspec.Struct, frozen=True):
    """A parent's phone (and e-mail) as the school gave them with the melding."""

    naam: str
    telefoon: str
    email: str | None = None


class KopJongere(msgspec.Struct, frozen=True, kw_only=True):
    naam: str
    geboortedatum: date
    leeftijd: int
    bsn: str
    adres: str | None
    """The postal address (street, postcode and woonplaats) as the BRP import holds it."""
    school: str | None
    """The school where the jongere is enrolled today (name and BRIN), if any."""
    leerjaar: int | None
    ouders: list[Ouder]


class KopMelding(msgspec.Struct, frozen=True, kw_only=True):
    soort: str
    periode_van: date
    periode_tot: date
    verzuimde_uren: int | None
    verzuimde_dagen: int | None
    ondernomen_actie: str
    """What the school did before reporting."""
    vermoedelijke_reden: str | None
    toelichting: str | None
    school: str
    melder_naam: str | None
    melder_functie: str | None
    melder_telefoon: str | None
    melder_email: str | None
    ontvangen_op: date
    brin: str | None = None
    """The school's BRIN (its history with the Inspectie is one page)."""
    contact_ouders: list[OuderContact] = msgspec.field(default_factory=list)


class KopSignaal(msgspec.Struct, frozen=True, kw_only=True):
    soort: str
    reden: str
    peildatum: date


class Zaakkop(msgspec.Struct, frozen=True, kw_only=True):
    jongere: KopJongere
    melding: KopMelding | None
    signaal: KopSignaal | None
    behandelaar: str | None
    team: str | None
    stand: str
    """Where the case stands, in words: what it waits for and until when."""
    eerstvolgende_termijn: OpenTermijn | None


_KOP = """
SELECT concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam, j.geboortedatum,
       j.bsn, j.postcode, j.huisnummer, j.woonplaats, j.ouder1_naam, j.ouder2_naam,
       i.leerjaar, si.naam AS school_nu, i.brin AS brin_nu,
       m.soort AS m_soort, m.periode_van, m.periode_tot, m.verzuimde_uren, m.verzuimde_dagen,
       m.ondernomen_actie, m.vermoedelijke_reden, m.toelichting, m.melder, m.ontvangen_op,
       m.contact_ouders, j.straatnaam, j.huisletter, j.huisnummertoevoeging,
       sm.naam AS m_school, m.brin AS m_brin,
       s.soort AS s_soort, s.reden AS s_reden, s.peildatum AS s_peildatum,
       u.naam AS behandelaar, t.naam AS team,
       svb.actie = 'svb_voorleggen' AS svb_voorgelegd,
       CASE WHEN svb.actie = 'svb_afwijzen' THEN coalesce(svb.verslag, 'zonder reden') END
           AS svb_afgewezen
FROM zaken z
JOIN jongeren j ON j.tenant_id = z.tenant_id AND j.id = z.jongere_id
LEFT JOIN LATERAL (
    SELECT * FROM inschrijvingen i WHERE i.tenant_id = z.tenant_id AND i.jongere_id = z.jongere_id
      AND i.datum_inschrijving <= $2
      AND (i.datum_uitschrijving IS NULL OR i.datum_uitschrijving >= $2)
    ORDER BY i.datum_inschrijving DESC LIMIT 1
) i ON true
LEFT JOIN scholen si ON si.brin = i.brin AND si.vestiging = i.vestiging
LEFT JOIN meldingen m ON m.tenant_id = z.tenant_id AND m.id = z.melding_id
LEFT JOIN scholen sm ON sm.brin = m.brin AND sm.vestiging = m.vestiging
LEFT JOIN signalen s ON s.tenant_id = z.tenant_id AND s.id = z.signaal_id
LEFT JOIN users u ON u.id = z.behandelaar_id
LEFT JOIN teams t ON t.tenant_id = z.tenant_id AND t.id = z.team_id
LEFT JOIN svb_laatste_woord svb ON svb.tenant_id = z.tenant_id AND svb.zaak_id = z.id
WHERE z.id = $1
"""


def _adres(r: Any) -> str | None:
    """The address block on one line when the street is known; else what the BRP file held."""
    adres = Adres(
        straatnaam=r["straatnaam"],
        huisnummer=r["huisnummer"],
        huisletter=r["huisletter"],
        toevoeging=r["huisnummertoevoeging"],
        postcode=r["postcode"],
        woonplaats=r["woonplaats"],
    )
    if blok := regels(adres):
        return ", ".join(blok)
    delen = [" ".join(p for p in (r["postcode"], r["huisnummer"]) if p), r["woonplaats"]]
    tekst = ", ".join(d for d in delen if d)
    return tekst or None


def _school(naam: str | None, brin: str | None) -> str | None:
    if naam is None and brin is None:
        return None
    return f"{naam} ({brin})" if naam else brin


async def lees_kop(
    tx: Tx, zaak_id: UUID, status: str, termijn: OpenTermijn | None
) -> Zaakkop | None:
    r = await tx.conn.fetchrow(_KOP, zaak_id, tx.vandaag)
    if r is None:
        return None
    vandaag = tx.vandaag
    melder: dict[str, Any] = r["melder"] or {}  # jsonb, decoded by the pool's codec
    return Zaakkop(
        jongere=KopJongere(
            naam=r["naam"],
            geboortedatum=r["geboortedatum"],
            leeftijd=leeftijd(r["geboortedatum"], vandaag),
            bsn=r["bsn"],
            adres=_adres(r),
            school=_school(r["school_nu"], r["brin_nu"]),
            leerjaar=r["leerjaar"],
            ouders=[Ouder(n) for n in (r["ouder1_naam"], r["ouder2_naam"]) if n],
        ),
        melding=KopMelding(
            soort=r["m_soort"],
            periode_van=r["periode_van"],
            periode_tot=r["periode_tot"],
            verzuimde_uren=r["verzuimde_uren"],
            verzuimde_dagen=r["verzuimde_dagen"],
            ondernomen_actie=r["ondernomen_actie"],
            vermoedelijke_reden=r["vermoedelijke_reden"],
            toelichting=r["toelichting"],
            school=_school(r["m_school"], r["m_brin"]) or "",
            brin=r["m_brin"],
            melder_naam=melder.get("naam"),
            melder_functie=melder.get("functie"),
            melder_telefoon=melder.get("telefoon"),
            melder_email=melder.get("email"),
            ontvangen_op=r["ontvangen_op"].astimezone(ZONE).date(),
            contact_ouders=msgspec.convert(r["contact_ouders"] or [], list[OuderContact]),
        )
        if r["m_soort"]
        else None,
        signaal=KopSignaal(soort=r["s_soort"], reden=r["s_reden"], peildatum=r["s_peildatum"])
        if r["s_soort"]
        else None,
        behandelaar=r["behandelaar"] or None,
        team=r["team"],
        stand=wacht_op(
            status,
            svb_voorgelegd=bool(r["svb_voorgelegd"]),
            svb_afgewezen=r["svb_afgewezen"],
            termijn=termijn,
            vandaag=vandaag,
        ),
        eerstvolgende_termijn=termijn,
    )
