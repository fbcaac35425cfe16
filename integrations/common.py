"""Message parts shared by partners: the portal's own (portal.outbox.berichten)."""

from __future__ import annotations

from portal.outbox.berichten import Ouder, Persoon

__all__ = ["Ouder", "Persoon"]
