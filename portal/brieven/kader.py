"""What a letter's frame says besides its text, read in the use case's transaction: the sender
(the gemeente's department, postal and return address, logo), the addressee and the address in
the window, and whom to call (the leerplichtambtenaar's name, function, direct phone and e-mail).

Addressed as Dutch letters are: to the parents of a minor ("Aan de ouder(s)/verzorger(s) van Sam
de Vries"), to the jongere from 18 and for the letters whose article speaks to the jongere, to
the school's director for a letter to the school. Without a known street the letter still goes
and is marked for a hand-written address.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from portal.db.pool import Tx
from portal.domain.adres import Adres, regels
from portal.domain.leerplicht import leeftijd
from portal.domain.personen import Jongere

LOGOS = Path(__file__).resolve().parents[1] / "web" / "static" / "logos"
AAN_JONGERE = frozenset({"uitnodiging_18plus"})
"""Letters the article addresses to the jongere whatever the age."""
AAN_JONGERE_EN_OUDERS = frozenset({"halt_verwijzing", "uitnodiging_verhoor"})
"""Letters to a jongere of 12 or older and the parents together (art. 6.8, 6.10)."""
AAN_SCHOOL = frozenset({"halt_melding_school"})
"""Letters to the school, delivered through the portal's copies for the school."""
AAN_GEMEENTE = frozenset({"overdracht_woongemeente"})
"""To the leerplicht department of another gemeente (art. 3.9), through the `gemeente` channel."""
AAN_OM = frozenset({"proces_verbaal"})
"""Documents for the officier van justitie, delivered through the OM's channel (art. 6.10)."""


class Geadresseerde(msgspec.Struct, frozen=True):
    aanhef: str
    naam: str
    regels: list[str] | None
    """The address lines, or None when no postable address is known."""

    @property
    def handmatig(self) -> bool:
        return self.regels is None


def geadresseerde(
    soort: str,
    jongere: Jongere,
    school: str | None,
    vandaag: date,
    naar_gemeente: str | None = None,
) -> Geadresseerde:
    if soort in AAN_GEMEENTE:
        binnen = bool(naar_gemeente and not naar_gemeente[:1].isdigit())
        return Geadresseerde(
            "Aan de leerplichtambtenaar van",
            f"de gemeente {naar_gemeente}" if binnen else f"de gemeente met code {naar_gemeente}",
            [
                "Afdeling Leerplicht",
                "Via het RMC-portaal"
                if binnen
                else "Via de beveiligde overdracht tussen gemeenten",
            ],
        )
    if soort in AAN_SCHOOL:
        return Geadresseerde("Aan de directeur van", school or "de school", ["Via het RMC-portaal"])
    if soort in AAN_OM:
        return Geadresseerde(
            "Aan de",
            "officier van justitie",
            ["Openbaar Ministerie", "Via de digitale aanlevering"],
        )
    blok = regels(
        Adres(
            straatnaam=jongere.straatnaam,
            huisnummer=jongere.huisnummer,
            huisletter=jongere.huisletter,
            toevoeging=jongere.huisnummertoevoeging,
            postcode=jongere.postcode,
            woonplaats=jongere.woonplaats,
        )
    )
    jaren = leeftijd(jongere.geboortedatum, vandaag)
    if soort in AAN_JONGERE or jaren >= 18:
        return Geadresseerde("Aan", jongere.naam, blok)
    if soort in AAN_JONGERE_EN_OUDERS and jaren >= 12:
        return Geadresseerde("Aan", f"{jongere.naam} en de ouder(s)/verzorger(s)", blok)
    return Geadresseerde("Aan de ouder(s)/verzorger(s) van", jongere.naam, blok)


async def afzender(tx: Tx, gemeente: str) -> dict[str, Any]:
    """The gemeente's sender as its beheerder set it, with its logo."""
    rij = await tx.conn.fetchrow(
        "SELECT afdeling, postadres, retouradres, website, logo_svg FROM brief_afzender"
    )
    logo = LOGOS / f"{tx.tenant_id}.svg"
    eigen = rij["logo_svg"] if rij else None
    return {
        "naam": f"Gemeente {gemeente}",
        "afdeling": rij["afdeling"] if rij else "Leerplicht en RMC",
        "postadres": list(rij["postadres"]) if rij else [],
        "retour": rij["retouradres"] if rij else None,
        "website": rij["website"] if rij else None,
        "logo": eigen or (logo.read_text(encoding="utf-8") if logo.is_file() else None),
    }


async def contact(tx: Tx) -> dict[str, Any]:
    """Whom the addressee calls: the user drafting the letter, as their profile has it."""
    if tx.principal is None:
        return {}
    rij = await tx.conn.fetchrow(
        "SELECT naam, functie, telefoon, email FROM users WHERE id = $1", tx.principal.user_id
    )
    if rij is None:
        return {"naam": tx.principal.naam}
    return {
        "naam": rij["naam"],
        "functie": rij["functie"] or "leerplichtambtenaar",
        "telefoon": rij["telefoon"],
        "email": rij["email"],
    }
