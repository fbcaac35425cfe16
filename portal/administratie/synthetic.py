"""Synthetic, realistic data for the region: schools, BRP extracts, enrolments and diplomas.

For the demo (a few thousand jongeren) and for benchmarks (millions of rows). Every jongere gets a
school career: basisschool from the day after the 4th birthday, then vmbo, havo or vwo, then mbo or
ho; with diplomas, early school leavers (VSV), a few not enrolled at all (absoluut verzuim), moves
out of the region, and valid BSNs. Deterministic for a given seed. Names are invented.
"""

from __future__ import annotations

import contextlib
import csv
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from portal.clock import SystemClock, vandaag
from portal.domain import bsn
from portal.domain.leerplicht import verjaardag

AMSTERDAM_TEAMS = ["Noord", "Oost", "Centrum", "West", "Nieuw-West", "Zuid", "Zuidoost", "Weesp"]
# Share of the region's jongeren per gemeente (roughly by population).
GEMEENTEN = {
    "0363": ("Amsterdam", 0.62),
    "0479": ("Zaanstad", 0.11),
    "0394": ("Haarlemmermeer", 0.12),
    "0362": ("Amstelveen", 0.06),
    "0439": ("Purmerend", 0.065),
    "0384": ("Diemen", 0.025),
}
SCHOOL_LABELS = {
    "po": "Basisschool",
    "so": "School voor speciaal onderwijs",
    "vmbo": "Vakcollege",
    "havo": "Lyceum",
    "vwo": "Gymnasium",
    "pro": "Praktijkschool",
    "mbo": "ROC",
    "ho": "Hogeschool",
}
DEMO_SCHOOL_BRIN = "20AA"
BUITEN_REGIO = ["0392", "0344", "0518", "0599"]  # Haarlem, Utrecht, 's-Gravenhage, Rotterdam
VOORNAMEN = [
    *("Noah", "Sem", "Liam", "Lucas", "Daan", "Levi", "Finn", "Milan", "Luuk", "Mohamed", "Adam"),
    *("Yusuf", "Bram", "Thijs", "Jesse", "Sam", "Amir", "Emma", "Julia", "Mila", "Tess", "Sophie"),
    *("Zoë", "Sara", "Nora", "Fenna", "Eva", "Lotte", "Noor", "Yara", "Fatima", "Aya", "Hiba"),
]
LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"
ACHTERNAMEN = [
    ("de", "Jong"),
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("", "Yilmaz"),
    ("El", "Amrani"),
    ("", "Kaya"),
    ("", "Mohan"),
    ("", "Boateng"),
    ("", "Santos"),
    ("", "Nguyen"),
    ("", "Öztürk"),
    ("", "Bouzid"),
    ("van der", "Linden"),
    ("", "Koster"),
    ("", "Willems"),
]


@dataclass
class School:
    brin: str
    naam: str
    onderwijssoort: str
    gemeentecode: str
    team: str
    vestiging: str = "00"


@dataclass
class Jongere:
    bsn: str
    voornamen: str
    voorvoegsel: str
    geslachtsnaam: str
    geboortedatum: date
    geslacht: str
    gemeentecode: str
    tenant: str
    team: str
    postcode: str
    huisnummer: str
    woonplaats: str
    ouder1_bsn: str
    ouder1_naam: str
    inschrijvingen: list[tuple[School, int | None, date, date | None]] = field(default_factory=list)
    diplomas: list[tuple[str, date]] = field(default_factory=list)


STRATEN = (
    "Kalverstraat", "Amstelveenseweg", "Javastraat", "Bos en Lommerweg", "Van Woustraat",
    "Zeeburgerdijk", "Plein '40-'45", "Ĳsbaanpad", "Overtoom", "Rijnstraat", "Dorpsstraat",
    "Burgemeester Röellstraat", "Ferdinand Bolstraat", "Kerkstraat", "Westzaanerdijk",
)  # fmt: skip
"""Streets for the synthetic BRP, chosen from the BSN (not the seed's random stream, so that
every other generated value stays as it was)."""


class Region:
    """Generates one region, deterministically from its seed."""

    def __init__(self, seed: int, peildatum: date) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible by seed
        self.peildatum = peildatum
        self.scholen: dict[str, dict[str, list[School]]] = {}  # tenant -> soort -> schools
        self._brins: set[str] = {DEMO_SCHOOL_BRIN}
        self._bsns: set[str] = set()

    def _brin(self) -> str:
        while True:
            letters = "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXZ") for _ in range(2))
            brin = f"{self.rng.randint(10, 31)}{letters}"
            if brin not in self._brins:
                self._brins.add(brin)
                return brin

    def _bsn(self) -> str:
        while True:
            number = bsn.generate(self.rng)
            if number not in self._bsns:
                self._bsns.add(number)
                return number

    def make_schools(self, jongeren_per_tenant: dict[str, int]) -> list[School]:
        everything: list[School] = []
        for code, count in jongeren_per_tenant.items():
            naam, _ = GEMEENTEN[code]
            teams = AMSTERDAM_TEAMS if code == "0363" else ["Leerplicht en RMC"]
            per_soort: dict[str, list[School]] = {}
            plan = {
                "po": max(2, count // 300),
                "so": 1,
                "vmbo": max(1, count // 2500),
                "havo": max(1, count // 3000),
                "vwo": max(1, count // 3500),
                "pro": 1,
                "mbo": max(1, count // 6000),
                "ho": 1 if code == "0363" else 0,
            }
            for soort, n in plan.items():
                for i in range(n):
                    label = SCHOOL_LABELS[soort]
                    school = School(
                        self._brin(), f"{label} {naam} {i + 1}", soort, code, self.rng.choice(teams)
                    )
                    per_soort.setdefault(soort, []).append(school)
                    everything.append(school)
            self.scholen[code] = per_soort
        # One fixed school, so that the demo's school user has a real school with pupils.
        demo = School(DEMO_SCHOOL_BRIN, "Zuiderlicht College", "vmbo", "0363", "Zuid")
        self.scholen["0363"]["vmbo"].insert(0, demo)
        everything.insert(0, demo)
        return everything

    def _school(self, tenant: str, soort: str) -> School:
        options = self.scholen[tenant].get(soort) or self.scholen["0363"][soort]
        return self.rng.choice(options)

    def jongere(self, tenant: str) -> Jongere:
        rng = self.rng
        age_days = rng.randint(4 * 365, 23 * 365 + 364)
        geboren = self.peildatum - timedelta(days=age_days)
        voorvoegsel, achternaam = rng.choice(ACHTERNAMEN)
        teams = AMSTERDAM_TEAMS if tenant == "0363" else ["Leerplicht en RMC"]
        gemeente = tenant if rng.random() > 0.01 else rng.choice(BUITEN_REGIO)
        j = Jongere(
            bsn=self._bsn(),
            voornamen=rng.choice(VOORNAMEN),
            voorvoegsel=voorvoegsel,
            geslachtsnaam=achternaam,
            geboortedatum=geboren,
            geslacht=rng.choice("MV") if rng.random() > 0.005 else "O",
            gemeentecode=gemeente,
            tenant=tenant,
            team=rng.choice(teams),
            postcode=f"{rng.randint(1000, 1999)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}",
            huisnummer=str(rng.randint(1, 300)),
            woonplaats=GEMEENTEN[tenant][0],
            ouder1_bsn=self._bsn(),
            ouder1_naam=" ".join(
                filter(None, (f"{rng.choice(LETTERS)}.", voorvoegsel, achternaam))
            ),
        )
        self._career(j)
        return j

    def _enrol(self, j: Jongere, soort: str, leerjaar: int | None, van: date, tot: date) -> bool:
        """Add an enrolment up to the peildatum; False when it starts after it."""
        if van > self.peildatum:
            return False
        open_end = tot > self.peildatum
        j.inschrijvingen.append(
            (self._school(j.tenant, soort), leerjaar, van, None if open_end else tot)
        )
        return not open_end

    def _career(self, j: Jongere) -> None:
        rng = self.rng
        if rng.random() < 0.003:
            return  # never enrolled: absoluut verzuim once leerplichtig
        start = verjaardag(j.geboortedatum, 4) + timedelta(days=1)
        twaalf = verjaardag(j.geboortedatum, 12)
        po_einde = date(twaalf.year if twaalf.month < 8 else twaalf.year + 1, 7, 31)
        po_soort = "so" if rng.random() < 0.03 else "po"
        po_jaren = max(1, min(8, (min(self.peildatum, po_einde) - start).days // 365 + 1))
        if not self._enrol(j, po_soort, po_jaren, start, po_einde):
            return
        vo_start = po_einde + timedelta(days=1)
        soort = rng.choices(["vmbo", "havo", "vwo", "pro"], [0.44, 0.28, 0.24, 0.04])[0]
        jaren = {"vmbo": 4, "havo": 5, "vwo": 6, "pro": 5}[soort]
        if rng.random() < 0.02:  # early school leaver during vo
            einde = vo_start + timedelta(days=rng.randint(200, 365 * jaren - 30))
            self._enrol(j, soort, None, vo_start, einde)
            return
        vo_einde = date(vo_start.year + jaren, 7, 31)
        leerjaar = min(jaren, max(1, (self.peildatum - vo_start).days // 365 + 1))
        if not self._enrol(j, soort, leerjaar, vo_start, vo_einde):
            return
        if soort in ("havo", "vwo", "vmbo") and rng.random() < 0.9:
            j.diplomas.append((soort, date(vo_einde.year, 7, 1)))
        elif soort in ("havo", "vwo"):
            soort = "vmbo"  # failed: treat as leaving with vmbo level, into mbo
        vervolg_start = vo_einde + timedelta(days=1)
        if soort == "vwo" or (soort == "havo" and rng.random() < 0.7):
            self._enrol(j, "ho", None, vervolg_start, date(vervolg_start.year + 4, 7, 31))
            return
        if rng.random() < 0.06:
            return  # no follow-up after vo: kwalificatieplichtig or RMC without a school
        niveau = rng.choices([1, 2, 3, 4], [0.08, 0.22, 0.3, 0.4])[0]
        duur = {1: 1, 2: 2, 3: 3, 4: 4}[niveau]
        if rng.random() < 0.08:  # mbo dropout (VSV)
            self._enrol(
                j,
                "mbo",
                None,
                vervolg_start,
                vervolg_start + timedelta(days=rng.randint(60, 365 * duur)),
            )
            return
        mbo_einde = date(vervolg_start.year + duur, 7, 31)
        if self._enrol(j, "mbo", None, vervolg_start, mbo_einde) and rng.random() < 0.85:
            j.diplomas.append((f"mbo{niveau}", date(mbo_einde.year, 7, 1)))


def tenant_counts(total: int) -> dict[str, int]:
    return {code: max(1, round(total * share)) for code, (_, share) in GEMEENTEN.items()}


def write_region(
    directory: Path,
    total_jongeren: int,
    *,
    seed: int = 2026,
    peildatum: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write scholen.csv and brp_/inschrijvingen_/diplomas_<code>.csv; returns row counts."""
    directory.mkdir(parents=True, exist_ok=True)
    region = Region(seed, peildatum or vandaag(SystemClock()))
    counts = tenant_counts(total_jongeren)
    totals = {"scholen": 0, "jongeren": 0, "inschrijvingen": 0, "diplomas": 0}
    with _writer(
        directory / "scholen.csv", "brin;vestiging;naam;onderwijssoort;gemeentecode;team"
    ) as out:
        for s in region.make_schools(counts):
            out.writerow([s.brin, s.vestiging, s.naam, s.onderwijssoort, s.gemeentecode, s.team])
            totals["scholen"] += 1
    for code, count in counts.items():
        with (
            _writer(
                directory / f"brp_{code}.csv",
                "bsn;voornamen;voorvoegsel;geslachtsnaam;geboortedatum;geslacht;gemeentecode;postcode;huisnummer;woonplaats;team;ouder1_bsn;ouder1_naam;ouder2_bsn;ouder2_naam;straatnaam",
            ) as brp,
            _writer(
                directory / f"inschrijvingen_{code}.csv",
                "bsn;brin;vestiging;onderwijssoort;leerjaar;datum_inschrijving;datum_uitschrijving",
            ) as ins,
            _writer(directory / f"diplomas_{code}.csv", "bsn;diploma;datum") as dip,
        ):
            for _ in range(count):
                j = region.jongere(code)
                brp.writerow(
                    [
                        j.bsn,
                        j.voornamen,
                        j.voorvoegsel,
                        j.geslachtsnaam,
                        j.geboortedatum.isoformat(),
                        j.geslacht,
                        j.gemeentecode,
                        j.postcode,
                        j.huisnummer,
                        j.woonplaats,
                        j.team,
                        j.ouder1_bsn,
                        j.ouder1_naam,
                        "",
                        "",
                        STRATEN[int(j.bsn) % len(STRATEN)],
                    ]
                )
                for school, leerjaar, van, tot in j.inschrijvingen:
                    ins.writerow(
                        [
                            j.bsn,
                            school.brin,
                            school.vestiging,
                            school.onderwijssoort,
                            "" if leerjaar is None else leerjaar,
                            van.isoformat(),
                            "" if tot is None else tot.isoformat(),
                        ]
                    )
                for soort, datum in j.diplomas:
                    dip.writerow([j.bsn, soort, datum.isoformat()])
                totals["jongeren"] += 1
                totals["inschrijvingen"] += len(j.inschrijvingen)
                totals["diplomas"] += len(j.diplomas)
                if progress:
                    progress(1)
    return totals


@contextlib.contextmanager
def _writer(path: Path, header: str) -> Iterator[Any]:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        yield csv.writer(handle, delimiter=";", lineterminator="\n")
