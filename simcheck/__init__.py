"""simcheck: software-copyright similarity analysis with evidence a court can rely on."""

__version__ = "0.1.0"
