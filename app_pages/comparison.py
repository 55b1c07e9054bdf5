import pandas as pd
import streamlit as st

from ui import state

t = state.t()
st.title(t("nav.comparison"))
result = state.evaluation()
st.subheader(t.strategy(result.recommendation.strategy))
st.dataframe(
    pd.DataFrame(
        {
            t.strategy(s): {"mean": state.money(r.mean), "P10": state.money(r.p10), "P90": state.money(r.p90)}
            for s, r in result.strategies.items()
        }
    ).T
)
