"""What needs attention, shown above the werkvoorraad's first page: the SVB requests waiting for
the teammanager (art. 19.2), the leerplichtambtenaar's own requests the teammanager declined, and
the partner messages of the leerplichtambtenaar's cases that were refused or never delivered
(which otherwise only the functioneel beheerder sees). Each list is short and read by an index of
its own, never from every open case.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec

from portal.auth.permissions import Permission, allows
from portal.db.pool import Tx


class Akkoord(msgspec.Struct, frozen=True):
    """A voorgenomen SVB-melding waiting for the teammanager (art. 19.2)."""

    zaak_id: UUID
    jongere_id: UUID
    naam: str
    team: str | None
    voorgelegd_op: datetime
    voorgelegd_door: str | None
    motivering: str | None = None
    """Why the leerplichtambtenaar puts the melding forward."""


class Afwijzing(msgspec.Struct, frozen=True):
    """A voorgenomen SVB-melding the teammanager declined, with the reason (art. 19.2)."""

    zaak_id: UUID
    jongere_id: UUID
    naam: str
    reden: str | None
    afgewezen_op: datetime
    afgewezen_door: str | None


class Mislukt(msgspec.Struct, frozen=True):
    """A message a step of one's own case sent that the partner refused or that never arrived."""

    bericht_id: UUID
    zaak_id: UUID
    jongere_id: UUID
    naam: str
    partner: str
    soort: str
    geweigerd: bool
    """The partner refused it (as against no answer after every attempt)."""
    verstuurd_op: datetime


class Professional(msgspec.Struct, frozen=True):
    """A meldcode besluit that the suspicion concerns a professional: the teammanager's (art. 17)
    instead of Veilig Thuis."""

    traject_id: UUID
    jongere_id: UUID
    naam: str
    besloten_op: datetime


class Aandacht(msgspec.Struct, frozen=True):
    akkoorden: list[Akkoord]
    afgewezen: list[Afwijzing]
    mislukt: list[Mislukt]
    professional: list[Professional] = msgspec.field(default_factory=list)

    def gelezen(self) -> tuple[list[str], list[UUID | None]]:
        """What the reader saw of whom, for the audit: (object ids, jongere ids)."""
        regels: list[Any] = [*self.akkoorden, *self.afgewezen]
        ids = [str(r.zaak_id) for r in regels] + [str(m.bericht_id) for m in self.mislukt]
        ids += [str(p.traject_id) for p in self.professional]
        return ids, [r.jongere_id for r in [*regels, *self.mislukt, *self.professional]]


# Both lists read the last word on each SVB request (the view of migration 0040, over the SVB
# steps' partial index), not every open case.
_AKKOORDEN = """
SELECT z.id AS zaak_id, z.jongere_id, t.naam AS team,
       concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
       v.gezet_op AS voorgelegd_op, u.naam AS voorgelegd_door, v.verslag AS motivering
FROM svb_laatste_woord v
JOIN zaken z ON z.tenant_id = current_tenant() AND z.id = v.zaak_id
JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = z.jongere_id
LEFT JOIN teams t ON t.tenant_id = current_tenant() AND t.id = z.team_id
LEFT JOIN users u ON u.id = v.gezet_door
WHERE v.tenant_id = current_tenant() AND v.actie = 'svb_voorleggen' AND z.status <> 'afgesloten'
ORDER BY v.gezet_op
LIMIT 200
"""
# A leerplichtambtenaar's own open cases whose last word on an SVB request is the teammanager's
# no (art. 19.2), with the reason.
_AFGEWEZEN = """
SELECT z.id AS zaak_id, z.jongere_id, v.verslag AS reden, v.gezet_op AS afgewezen_op,
       u.naam AS afgewezen_door,
       concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam
FROM svb_laatste_woord v
JOIN zaken z ON z.tenant_id = current_tenant() AND z.id = v.zaak_id
JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = z.jongere_id
LEFT JOIN users u ON u.id = v.gezet_door
WHERE v.tenant_id = current_tenant() AND v.actie = 'svb_afwijzen' AND z.behandelaar_id = $1
  AND z.status <> 'afgesloten'
ORDER BY v.gezet_op DESC
LIMIT 50
"""
_MISLUKT = """
SELECT o.id AS bericht_id, o.partner, o.soort, o.geweigerd, o.created_at AS verstuurd_op,
       z.id AS zaak_id, z.jongere_id,
       concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam
FROM outbox o
JOIN zaken z ON z.tenant_id = current_tenant() AND z.id = o.zaak_id
JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = z.jongere_id
WHERE o.tenant_id = current_tenant() AND o.status = 'dead' AND o.zaak_id IS NOT NULL
  AND z.behandelaar_id = $1
ORDER BY o.created_at DESC
LIMIT 20
"""


# The meldcode trajecten of the teammanager's team whose besluit is that the suspicion concerns a
# professional: not to Veilig Thuis but to the teammanager (read under the meldcode's own rule).
_PROFESSIONAL = """
SELECT t.id AS traject_id, t.jongere_id, s.gezet_op AS besloten_op,
       concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam
FROM meldcode_trajecten t
JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = t.jongere_id
JOIN LATERAL (SELECT max(gezet_op) AS gezet_op FROM meldcode_stappen ms
              WHERE ms.tenant_id = t.tenant_id AND ms.traject_id = t.id
                AND ms.stap = 'besluit') s ON true
WHERE t.tenant_id = current_tenant() AND t.uitkomst = 'teammanager'
ORDER BY s.gezet_op DESC
LIMIT 50
"""


async def aandacht(tx: Tx) -> Aandacht:
    """The lists the reader's roles call for (none for a reader without them)."""
    principal = tx.principal
    assert principal is not None
    akkoorden, afgewezen, mislukt, professional = [], [], [], []
    if allows(principal, Permission.LEAD_TEAM):
        akkoorden = await tx.conn.fetch(_AKKOORDEN)
        professional = await tx.conn.fetch(_PROFESSIONAL)
    if allows(principal, Permission.DECIDE):
        afgewezen = await tx.conn.fetch(_AFGEWEZEN, principal.user_id)
        mislukt = await tx.conn.fetch(_MISLUKT, principal.user_id)
    return Aandacht(
        akkoorden=[msgspec.convert(dict(a), Akkoord) for a in akkoorden],
        afgewezen=[
            Afwijzing(
                a["zaak_id"],
                a["jongere_id"],
                a["naam"],
                a["reden"],
                a["afgewezen_op"],
                a["afgewezen_door"],
            )
            for a in afgewezen
        ],
        mislukt=[msgspec.convert(dict(m), Mislukt) for m in mislukt],
        professional=[msgspec.convert(dict(p), Professional) for p in professional],
    )
