"""Norvale NPC-200 host configuration and monitoring tools."""

__version__ = "3.7.1"
