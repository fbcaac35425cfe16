"""The Top1000 coupling (art. 2.5): every jongere of 12 to 23 in the Top1000-aanpak gets a
leerplichtambtenaar. Under 18 the teammanager names one; from 18 the jongere goes to the regular
schoolgebonden leerplichtambtenaar of the school (the team of the school's location), and without
a school to the team where the jongere lives."""

from __future__ import annotations

from uuid import UUID

import msgspec

from portal.domain.toewijzing import Toewijzing


class Koppeling(msgspec.Struct, frozen=True):
    leerplichtambtenaar_id: UUID | None
    team: str | None
    gemeentecode: str | None
    toelichting: str


def koppelen(
    leeftijd: int, leerplichtambtenaar_id: UUID | None, toewijzing: Toewijzing
) -> Koppeling | str:
    """The coupling, or the rule a request breaks."""
    if not 12 <= leeftijd < 23:
        return "art. 2.5: de Top1000-koppeling geldt voor jongeren van 12 tot 23 jaar"
    if leeftijd < 18:
        if leerplichtambtenaar_id is None:
            return "art. 2.5: koppel een jongere onder 18 aan een leerplichtambtenaar"
        return Koppeling(leerplichtambtenaar_id, None, None, "18-: gekoppelde leerplichtambtenaar")
    if leerplichtambtenaar_id is not None:
        return (
            "art. 2.5: een jongere van 18 of ouder gaat naar de schoolgebonden leerplichtambtenaar"
        )
    return Koppeling(
        None, toewijzing.team, toewijzing.gemeentecode, f"18+: {toewijzing.toelichting}"
    )
