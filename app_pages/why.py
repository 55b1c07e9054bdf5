import streamlit as st

from ui import state

t = state.t()
st.title(t("nav.why"))
