"""The bare Streamlit page the benchmark divides page times by: what the framework alone costs.

    .venv/bin/streamlit run bench/bare_page.py          # st.write("ok")
    http://…/?chart=1                                   # the same, plus one small Plotly bar chart
    http://…/?chart=3                                   # … plus three of them

bench/run.py serves it two ways in the same run: as a page of the dashboard's own frame
(``FORUM_BENCH_BARE_PAGE=1`` adds it to dashboard.py's navigation at ``/bench-ok``: same server,
same sidebar and cached read, nothing else), and as this standalone script on a second port
(the framework's floor, without our frame). ``?chart=1`` measures what one Plotly chart costs
the framework and the browser, whatever draws it; ``?chart=N`` tells the first chart's cost
(loading plotly.js in the page) from each next one's (drawing).
"""
import streamlit as st

st.write("ok")
charts = st.query_params.get("chart", "0")
if charts.isdigit() and int(charts):
    import plotly.graph_objects as go

    for number in range(min(int(charts), 10)):
        st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2 + number])), config={"displaylogo": False})
