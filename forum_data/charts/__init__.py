"""Charts: plotly figures drawn from metrics, one module per page's questions.

Every figure uses ``style``: the Okabe–Ito colour-blind-safe palette, one colour per theme on
every page, French titles and axis labels, and aggregated data only (never raw rows).
"""
