"""Sources: where the workbook comes from. Each returns a ``RawWorkbook`` of cell text.

``load_workbook(spec)`` picks the source: a folder of CSV files, an .xlsx/.ods file, the
URL of such a file, a Google Sheets URL or key; ``None`` means the configured source
(``FORUM_SOURCE``, then ``[forum] source`` in ``.streamlit/secrets.toml``), else the bundled
sample. Only an unreadable source raises, with ``SourceError`` and a French sentence.
"""
from forum_data.sources.base import RawSheet, RawWorkbook, RowRef, SourceError

__all__ = ["RawSheet", "RawWorkbook", "RowRef", "SourceError"]
