"""Shared Streamlit helpers: the case in session state, charts, formatting."""
