"""bwtool - command line utilities for Brightwater BT-40 controllers."""

__all__ = ["rtu", "profile"]
__version__ = "1.5.0"
