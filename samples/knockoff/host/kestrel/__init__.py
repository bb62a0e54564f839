"""Kestrel Automation KA-2000 host tools."""

VERSION = "1.2.0"
