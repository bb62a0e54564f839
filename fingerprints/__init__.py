"""The simcheck fingerprint engine: bytes in, fingerprints out. Pure; no CLI, no reports."""

__version__ = "0.1.0"
