"""Streamlit-side helpers shared by the frame (dashboard.py) and the pages (pages/*.py).

The data layer (forum_data) never imports streamlit; everything that does lives here.
"""
