"""Errors that end a run with exit code 2 and one clear line."""


class InputError(Exception):
    """A user-supplied input cannot be used at all (missing path, unsupported archive...)."""
