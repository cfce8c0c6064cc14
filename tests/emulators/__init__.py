"""Real HTTP servers on 127.0.0.1 standing in for external services in tests.

- ``tests.emulators.sheets.SheetsEmulator``: Google Sheets API v4, the OAuth token endpoint
  and the docs.google.com ``.xlsx`` export, with request counters and fault injection.
- ``tests.emulators.yeswiki.YesWikiEmulator``: a YesWiki Bazar API (forms and entries).
"""
