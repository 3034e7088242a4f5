"""Errors a user can cause. The faces turn them into a one-line message and exit code 2
(CLI), or a JSON error with an HTTP status (server); nothing else should reach a user."""


class FactcheckError(Exception):
    """Base class: the message is written for the user, in one line."""

    exit_code = 2


class InputError(FactcheckError):
    """The article, text or search query given cannot be used (missing, empty, binary, too big...)."""


class CorpusError(FactcheckError):
    """The corpus home is missing, is not a corpus, or a corpus file cannot be read."""


class ModelError(FactcheckError):
    """A model's weights cannot be found or loaded."""


class DatasetError(FactcheckError):
    """An evaluation dataset file does not parse (the message names file and line)."""
