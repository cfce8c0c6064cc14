"""Views: the tables and sentences a page shows, built from metrics for a given role (no streamlit).

Each module serves one page; every function takes the forum (or its tables) and a ``Role``
and returns display-ready data (pandas frames with French column names, French sentences),
holding nothing that role may not see.
"""
