"""The OpenAPI document says what the API really answers (API.md: "Errors are
application/problem+json").

Litestar documents each handler's success and a generic 400 of its own shape; the portal's errors
all come from `problems.py` as RFC 9457 problems, and a few routes answer PDF or CSV. This render
plugin rewrites the document once, when it is first served: every `/api/v1` operation documents
400, 401, 403, 404, 409, 413, 422 and 503 as `application/problem+json` with the problem's schema,
the letter routes `application/pdf`, the VSV rows JSON and `text/csv`, and `/ready` its 503.
Schemathesis checks the result against the running app (`tests/test_schemathesis.py`).
"""

from __future__ import annotations

import copy
from typing import Any

import msgspec
from litestar import Request
from litestar.openapi.plugins import JsonRenderPlugin

from portal.problems import PROBLEM_JSON, ProblemBody

FOUTEN = {
    "400": "De invoer kon niet worden gelezen (geen geldige JSON, een onbekend veld of type).",
    "401": "Geen geldig token of geen sessie.",
    "403": "Deze rol mag deze route niet gebruiken.",
    "404": "Niet gevonden, of buiten het bereik van de aanvrager (nooit 403 voor een object).",
    "409": "De stap past niet bij de huidige toestand; `detail` noemt de regel en het artikel.",
    "413": "Het verzoek is groter dan 10 MB.",
    "422": "De invoer breekt een regel; `errors` noemt elk veld met de reden.",
    "503": "De database is even niet bereikbaar; probeer het na `Retry-After` seconden opnieuw.",
}
PDF = {
    ("/api/v1/brieven/{brief_id}", "get"),
    ("/api/v1/briefsjablonen/{soort}/voorbeeld", "post"),
}
CSV = {("/api/v1/vsv-lijsten/{maand}", "get")}


def _problem(beschrijving: str) -> dict[str, Any]:
    return {
        "description": beschrijving,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def verrijk(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with the portal's own error responses and media types."""
    doc = copy.deepcopy(doc)
    (probleem,), componenten = msgspec.json.schema_components(
        [ProblemBody], ref_template="#/components/schemas/{name}"
    )
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(componenten)
    schemas["Problem"] = componenten.get("ProblemBody", probleem)
    for pad, operaties in doc.get("paths", {}).items():
        for methode, operatie in operaties.items():
            if not isinstance(operatie, dict) or "responses" not in operatie:
                continue
            antwoorden = operatie["responses"]
            if pad.startswith("/api/v1/"):
                for code, beschrijving in FOUTEN.items():
                    antwoorden[code] = _problem(beschrijving)
            succes = next((c for c in ("200", "201") if c in antwoorden), None)
            if succes and (pad, methode) in PDF:
                antwoorden[succes]["content"] = {
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}}
                }
            if succes and (pad, methode) in CSV:
                antwoorden[succes]["content"] = {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Regels"}},
                    "text/csv": {"schema": {"type": "string"}},
                }
    ready = doc.get("paths", {}).get("/ready", {}).get("get")
    if ready:
        ready["responses"]["503"] = {
            "description": "Database onbereikbaar of migraties ontbreken.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}},
        }
    return doc


class WaarheidsgetrouwJson(JsonRenderPlugin):
    """Serves `/schema/openapi.json` as `verrijk` makes it (once; the document does not change)."""

    def __init__(self) -> None:
        super().__init__()
        self._klaar: bytes | None = None

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        if self._klaar is None:
            self._klaar = self.render_json(request, verrijk(openapi_schema))
        return self._klaar
