"""Placeholder: being built."""
from ui.context import page_context

ctx = page_context()

import streamlit as st  # noqa: E402

st.title("qualite")
st.write(ctx.forum.collective.active)
