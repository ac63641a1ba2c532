"""Typed errors raised by the library."""


class InputError(ValueError):
    """The input is not a document that can be cleaned (binary, undecodable, corrupt)."""
