"""What the functioneel beheerder sees of an outbox message: personal fields masked always, and
for the meldcode, the proces-verbaal, the Raad and Halt every field but the ids and dates."""

from __future__ import annotations

from portal.redaction import MASK, mask_bericht

MELDING = {
    "melding_id": "0b6f",
    "gemeentecode": "0363",
    "jongere": {"bsn": "123456782", "voornamen": "Noa", "geboortedatum": "2012-01-01"},
    "signalen": ["Blauwe plekken op de armen"],
    "besproken_met_ouders": True,
    "afweging": "melden noodzakelijk",
}


def test_a_meldcode_message_shows_only_its_ids() -> None:
    shown = mask_bericht("veilig_thuis", MELDING)
    assert shown["melding_id"] == "0b6f"
    assert shown["gemeentecode"] == "0363"
    assert shown["signalen"] == [MASK]
    assert shown["afweging"] == MASK
    assert shown["besproken_met_ouders"] == MASK
    assert shown["jongere"] == {"bsn": MASK, "voornamen": MASK, "geboortedatum": MASK}


def test_a_proces_verbaal_shows_neither_findings_nor_document() -> None:
    pv = {"proces_verbaal_id": "1", "opgemaakt_op": "2026-12-01", "bevindingen": "thuisgehouden",
          "document": "JVBERi0=", "pv_nummer": "PV-1",
          "stappen": [{"datum": "2026-11-01", "stap": "Verhoor aankondigen"}]}  # fmt: skip
    shown = mask_bericht("om", pv)
    assert shown["proces_verbaal_id"] == "1"
    assert shown["opgemaakt_op"] == "2026-12-01"
    assert shown["bevindingen"] == shown["document"] == shown["pv_nummer"] == MASK
    assert shown["stappen"] == [{"datum": "2026-11-01", "stap": MASK}]


def test_another_partners_message_keeps_its_non_personal_fields() -> None:
    shown = mask_bericht("duo", {"duo_melding_id": "D1", "status": "afgesloten", "bsn": "1"})
    assert shown == {"duo_melding_id": "D1", "status": "afgesloten", "bsn": MASK}
