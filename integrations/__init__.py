"""One package per partner, each an adapter for the port in `portal.outbox.ports`."""
