"""Use cases of the leerlingenadministratie: imports and the controls.

Each import is one transaction: the data, the audit event and the report commit together, and a
file that fails as a whole leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from portal.administratie.controles import ControleResultaat, run_controles
from portal.administratie.import_specs import SPECS, TENANT_SPECS
from portal.administratie.imports import ImportFileError, ImportReport, run_import
from portal.audit.log import record
from portal.auth.principal import Principal
from portal.db.pool import Database


async def import_file(
    db: Database,
    soort: str,
    path: Path,
    *,
    tenant_id: str | None,
    principal: Principal | None = None,
    request_id: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    spec = SPECS.get(soort)
    if spec is None:
        raise ImportFileError(f"onbekende importsoort '{soort}'; kies uit {', '.join(SPECS)}")
    if not path.is_file():  # noqa: ASYNC240 - one stat before a long import
        raise ImportFileError(f"bestand {path} bestaat niet")
    if soort not in TENANT_SPECS:
        if tenant_id is not None:
            raise ImportFileError("scholen zijn gedeelde gegevens van de regio: geen --tenant")
        async with db.system_conn() as conn, conn.transaction():
            return await run_import(conn, spec, path, progress)
    if tenant_id is None:
        raise ImportFileError(f"import {soort} hoort bij één gemeente: geef --tenant CODE")
    async with db.system_conn() as conn:
        if not await conn.fetchval("SELECT 1 FROM tenants WHERE id = $1", tenant_id):
            raise ImportFileError(f"gemeentecode '{tenant_id}' hoort niet bij de regio")
    async with db.tenant_tx(
        principal, tenant_id=tenant_id, request_id=request_id, purpose=f"import {soort}"
    ) as tx:
        report = await run_import(tx.conn, spec, path, progress)
        await record(
            tx,
            "create",
            "import",
            soort,
            detail={
                "bestand": path.name,
                "gelezen": report.gelezen,
                "nieuw": report.nieuw,
                "bijgewerkt": report.bijgewerkt,
                "afgewezen": len(report.afgewezen),
            },
        )
    return report


async def controles_uitvoeren(
    db: Database,
    peildatum: date,
    *,
    tenant_id: str | None = None,
    principal: Principal | None = None,
    request_id: str | None = None,
) -> ControleResultaat:
    """Run the controls for one tenant: signals, deadlines and the audit event commit together."""
    async with db.tenant_tx(
        principal, tenant_id=tenant_id, request_id=request_id, purpose="controle leerplicht"
    ) as tx:
        result = await run_controles(tx.conn, peildatum)
        await record(
            tx,
            "create",
            "controle",
            peildatum.isoformat(),
            detail={
                "vermoedens_absoluut_verzuim": result.vermoedens_absoluut_verzuim,
                "uitschrijvingen_zonder_inschrijving": result.uitschrijvingen_zonder_inschrijving,
            },
        )
    return result
