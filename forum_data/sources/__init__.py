"""Sources: where the workbook comes from. Each returns a ``RawWorkbook`` of cell text.

``load_workbook(spec)`` picks the source: a folder of CSV files, an .xlsx/.ods file, the
URL of such a file, a Google Sheets URL or key; ``None`` means the configured source
(``FORUM_SOURCE``, then ``[forum] source`` in ``.streamlit/secrets.toml``), else the bundled
sample. Only an unreadable source raises, with ``SourceError`` and a French sentence.

>>> load_workbook(str(SAMPLE_DIR)).kind, len(load_workbook(str(SAMPLE_DIR)).sheets)
('csv', 8)
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from forum_data.sources.base import RawSheet, RawWorkbook, RowRef, SourceError
from forum_data.sources.csvdir import read_csv_folder, read_csv_path
from forum_data.sources.spreadsheet import read_ods, read_xlsx
from forum_data.sources.url import read_url

__all__ = [
    "RawSheet",
    "RawWorkbook",
    "RowRef",
    "SourceError",
    "SAMPLE_DIR",
    "apply_wiki_forms",
    "is_google_sheet",
    "load_workbook",
    "read_csv_folder",
    "read_ods",
    "read_url",
    "read_xlsx",
]

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample"
SAMPLE_DESCRIPTION = "exemple fourni (données fictives)"


def load_workbook(spec: str | None = None, *, timeout: float = 20.0) -> RawWorkbook:
    """The workbook named by ``spec`` (path, URL, Google key), the configured one, or the sample.

    Raises ``SourceError`` (French) when the source cannot be read; a malformed secrets file
    raises ``forum_data.config.ConfigError``, a ``SourceError`` too.
    """
    if spec is None or not spec.strip():
        from forum_data.config import configured_source  # noqa: PLC0415 - config imports sources

        spec = configured_source()
    if spec is None:
        workbook = read_csv_folder(SAMPLE_DIR, kind="sample", description=SAMPLE_DESCRIPTION)
    else:
        workbook = _read_spec(spec.strip(), timeout=timeout)
    return apply_wiki_forms(workbook)


def is_google_sheet(spec: str) -> bool:
    """A Google Sheets address, or a bare spreadsheet key that is not a local path.

    The Google source decides (it also knows the test endpoint ``FORUM_GOOGLE_ENDPOINT``).

    >>> is_google_sheet("https://docs.google.com/spreadsheets/d/KEY/edit"), is_google_sheet("x.ods")
    (True, False)
    """
    from forum_data.sources import gsheets  # noqa: PLC0415 - loaded only when needed

    return gsheets.is_google_sheet(spec)


def _read_spec(spec: str, *, timeout: float) -> RawWorkbook:
    if is_google_sheet(spec):
        from forum_data.sources.gsheets import read_google_sheet  # noqa: PLC0415 - optional deps

        return read_google_sheet(spec, timeout=timeout)
    if urlsplit(spec).scheme in ("http", "https"):
        return read_url(spec, timeout=timeout)
    path = Path(spec).expanduser()
    if not path.exists():
        raise SourceError(f"Source introuvable : {spec} ; vérifiez le chemin ou le lien configuré.", reason="not_found")
    if path.is_dir():
        return read_csv_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, description=f"fichier Excel …/{path.name}")
    if suffix == ".ods":
        return read_ods(path, description=f"fichier OpenDocument …/{path.name}")
    if suffix == ".csv":
        return _read_csv_file(path)
    if suffix == ".xls":
        raise SourceError(
            f"Le fichier {path.name} est au vieux format .xls : enregistrez-le au format .xlsx ou .ods.", reason="read_error")
    raise SourceError(
        f"Format de fichier non reconnu : {path.name} ; indiquez un fichier .xlsx, .ods, .csv "
        "ou un dossier de fichiers .csv.", reason="read_error")


def _read_csv_file(path: Path) -> RawWorkbook:
    sheet, cut = read_csv_path(path)
    extra = {"truncated": [sheet.title]} if cut else {}
    return RawWorkbook(source=f"fichier CSV …/{path.name}", sheets=[sheet], kind="csv", extra=extra)


def apply_wiki_forms(workbook: RawWorkbook) -> RawWorkbook:
    """Each configured YesWiki form (Bazar) replaces the workbook tab of the same slug.

    Configured by ``[yeswiki]`` in secrets.toml or ``FORUM_YESWIKI_*``; nothing configured
    leaves the workbook as it is. Two requests per form (definition, entries).
    """
    from forum_data.sources.yeswiki import apply_wiki, read_wiki_forms, wiki_config  # noqa: PLC0415

    config = wiki_config()
    return workbook if config is None else apply_wiki(workbook, read_wiki_forms(config))
