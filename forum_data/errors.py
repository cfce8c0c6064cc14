"""The one exception of the data layer: a source that cannot be read at all, with why.

``str(error)`` is one French sentence for people; ``error.reason`` is a code the dashboard reads
(the banner's few words, the retry policy), never the sentence.

>>> error = SourceError("Google Sheets n'a pas répondu en 20 secondes.", reason="timeout")
>>> error.reason, REASONS[error.reason]
('timeout', 'pas de réponse à temps')
"""
from __future__ import annotations

# Reason code → the few French words of the banner (« Source indisponible : quota Google dépassé »).
REASONS = {
    "quota": "quota Google dépassé",
    "timeout": "pas de réponse à temps",
    "unavailable": "service momentanément indisponible",
    "credentials": "identifiants refusés",
    "access": "accès refusé",
    "host_not_found": "serveur introuvable",
    "not_found": "document introuvable",
    "unreadable": "réponse illisible",
    "network": "réseau injoignable",
    "server_error": "erreur du serveur",
    "read_error": "erreur de lecture",
    "unexpected": "erreur inattendue",
}


class SourceError(Exception):
    """The source cannot be read at all: a French sentence and a ``reason`` code of ``REASONS``."""

    def __init__(self, message: str, *, reason: str = "unreadable"):
        if reason not in REASONS:
            raise ValueError(f"unknown source error reason {reason!r}")
        super().__init__(message)
        self.reason = reason
