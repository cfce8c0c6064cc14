"""The bare Streamlit page the benchmark divides page times by: what the framework alone costs.

    .venv/bin/streamlit run bench/bare_page.py

bench/run.py serves it two ways in the same run: as a hidden page of the dashboard's own frame
(``FORUM_BENCH_BARE_PAGE=1`` adds it to dashboard.py's navigation at ``/bench-ok``: same server,
same sidebar and cached read, nothing else), and as this standalone script on a second port
(the framework's floor, without our frame).
"""
import streamlit as st

st.write("ok")
