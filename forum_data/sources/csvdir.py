"""A folder of CSV files, one file per tab (what "Télécharger > CSV" gives for each tab).

Every cell stays text: the ``csv`` module is used, not pandas, so ``NA`` or ``nan`` are
what a person typed, not missing values. A row is a CSV record, so a quoted cell holding
a line break does not shift the row numbers.

>>> sheet = read_csv_bytes("Salle;Capacité\\r\\nAmphi A;120\\r\\n".encode("cp1252"), "Salles")
>>> sheet.rows
[['Salle', 'Capacité'], ['Amphi A', '120']]
"""
from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from pathlib import Path

from forum_data.sources.base import RawSheet, RawWorkbook, SourceError

# Sanity limits shared by every file source, so that an absurd file cannot freeze a page.
MAX_ROWS = 200_000
MAX_COLUMNS = 200

# A cell may legitimately be long (a pasted description); the csv default is 128 KiB.
csv.field_size_limit(16 * 1024 * 1024)

_DELIMITERS = (",", ";")
_SNIFF_RECORDS = 30


def read_csv_folder(
    path: str | Path, *, kind: str = "csv", description: str | None = None
) -> RawWorkbook:
    """Read every ``*.csv`` file of a folder as one tab titled by the file's stem, sorted by name.

    >>> from forum_data.sources import SAMPLE_DIR
    >>> read_csv_folder(SAMPLE_DIR).source
    'dossier CSV …/sample'
    """
    folder = Path(path).expanduser()
    if not folder.exists():
        raise SourceError(f"Dossier introuvable : {folder} ; vérifiez le chemin de la source.", reason="not_found")
    if not folder.is_dir():
        raise SourceError(f"{folder} n'est pas un dossier : indiquez un dossier de fichiers .csv.", reason="read_error")
    files = sorted(
        (f for f in folder.iterdir()
         # "._x.csv" are macOS resource forks, ".~lock" are LibreOffice locks: not tabs.
         if f.is_file() and f.suffix.lower() == ".csv" and not f.name.startswith((".", "~$"))),
        key=lambda f: (f.name.casefold(), f.name),
    )
    if not files:
        raise SourceError(
            f"Le dossier …/{folder.name} ne contient aucun fichier .csv : "
            "exportez chaque onglet du classeur en CSV dans ce dossier.", reason="read_error")
    sheets, truncated = [], []
    for file in files:
        sheet, cut = read_csv_path(file)
        sheets.append(sheet)
        if cut:
            truncated.append(sheet.title)
    extra = {"truncated": truncated} if truncated else {}
    return RawWorkbook(
        source=description or f"dossier CSV …/{folder.name}", sheets=sheets, kind=kind, extra=extra
    )


def read_csv_path(file: Path) -> tuple[RawSheet, bool]:
    """One CSV file as a tab titled by its stem (and whether the sanity limits cut it)."""
    try:
        data = file.read_bytes()
    except OSError as error:
        raise SourceError(
            f"Le fichier {file.name} ne peut pas être lu ({error.strerror or 'erreur système'}) : "
            "vérifiez ses droits d'accès.", reason="read_error") from None
    return read_csv_sheet(data, file.stem)


def read_csv_bytes(data: bytes, title: str) -> RawSheet:
    """One CSV file as one tab (encoding and delimiter detected).

    >>> read_csv_bytes(b'Nom,Note\\n"Ligne 1\\nLigne 2",NA\\n', "x").rows
    [['Nom', 'Note'], ['Ligne 1\\nLigne 2', 'NA']]
    """
    return read_csv_sheet(data, title)[0]


def read_csv_sheet(data: bytes, title: str) -> tuple[RawSheet, bool]:
    """Like ``read_csv_bytes``, and whether the sanity limits cut the tab."""
    text = decode_text(data).replace("\x00", "")
    delimiter = detect_delimiter(text)
    rows: list[list[str]] = []
    truncated = False
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if len(rows) >= MAX_ROWS:
                truncated = truncated or any(c.strip() for c in record) or any(
                    any(c.strip() for c in r) for r in reader
                )
                break
            if len(record) > MAX_COLUMNS:
                truncated = truncated or any(c.strip() for c in record[MAX_COLUMNS:])
                record = record[:MAX_COLUMNS]
            rows.append(_trim_trailing(record))
    except csv.Error:
        raise SourceError(
            f"Le fichier CSV « {title} » est mal formé (ligne {reader.line_num}) : "
            "vérifiez les guillemets ou réexportez l'onglet en CSV.", reason="read_error") from None
    while rows and not rows[-1]:
        rows.pop()
    return RawSheet(title=title, rows=rows), truncated


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, what French Excel writes.

    >>> decode_text("Activités".encode("cp1252")), decode_text(codecs.BOM_UTF8 + b"Salle")
    ('Activités', 'Salle')
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Five bytes are undefined in cp1252; they cannot be what a person typed.
        return data.decode("cp1252", errors="replace")


def detect_delimiter(text: str) -> str:
    """``,`` or ``;``: the one splitting the first records into the most consistent columns.

    A record counts when it has the most common field count (above one) for that delimiter,
    so a decimal comma in a ``;`` file, or a ``;`` inside a ``,`` file, does not mislead.

    >>> detect_delimiter("Salle;Capacité;Surface\\nAmphi;120;12,5\\n")
    ';'
    >>> detect_delimiter("Nom,Thèmes\\nAtelier,a;b\\n")
    ','
    """
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        widths = Counter()
        try:
            for record in reader:
                if any(c.strip() for c in record):
                    widths[len(record)] += 1
                    if sum(widths.values()) >= _SNIFF_RECORDS:
                        break
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _trim_trailing(cells: list[str]) -> list[str]:
    if not cells or cells[-1] != "":   # most records end with a value: nothing to trim
        return cells
    end = len(cells)
    while end and cells[end - 1] == "":
        end -= 1
    return cells[:end]
