"""Where a case stands, in words: each waiting state names what it waits for, and a deadline
shows as "tot" or as passed."""

from __future__ import annotations

from datetime import date

from portal.domain.zaak import BIJ_BOA
from portal.domain.zaakstand import OpenTermijn, datum_in_woorden, wacht_op
from portal.domain.zaaktypen import Status

VANDAAG = date(2026, 12, 1)
TERMIJN = OpenTermijn("Reactie van de ouders", date(2026, 12, 12))


def stand(status: str, **kw: object) -> str:
    args: dict[str, object] = {
        "svb_voorgelegd": False, "svb_afgewezen": None, "termijn": None, "vandaag": VANDAAG,
    }  # fmt: skip
    args.update(kw)
    return wacht_op(status, **args)  # type: ignore[arg-type]


def test_a_waiting_state_names_what_it_waits_for() -> None:
    assert stand(Status.UITGENODIGD, termijn=TERMIJN) == (
        "Wacht op reactie van de ouders tot 12 december 2026"
    )
    assert stand(Status.HALT_VERWEZEN) == "Wacht op de uitkomst van Halt"
    assert stand(Status.GESPREK_GEVOERD, svb_voorgelegd=True).startswith(
        "Wacht op akkoord teammanager"
    )
    assert stand(BIJ_BOA) == "In behandeling bij een BOA"
    assert stand(Status.AFGESLOTEN, termijn=TERMIJN) == "Afgesloten"


def test_a_passed_deadline_says_so_and_without_one_the_next_step_is_the_lpa_s() -> None:
    verlopen = OpenTermijn("Gesprek", date(2026, 11, 20))
    assert "termijn verlopen op 20 november 2026" in stand(Status.BEOORDEELD, termijn=verlopen)
    assert stand(Status.BEOORDEELD) == "Wacht op de volgende stap van de leerplichtambtenaar"
    assert datum_in_woorden(date(2027, 3, 1)) == "1 maart 2027"
