"""The chart layout: segments stack to the bar's total, the scale covers the highest bar, every
month has a bar (zero too), and a category outside the label list still shows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from portal.web.grafiek import BOVEN, HOOGTE, ONDER, staafgrafiek

MAANDEN = ["2026-01", "2026-02", "2026-03"]
LABELS = {"a": "A", "b": "B"}


@given(
    st.lists(
        st.tuples(st.sampled_from(MAANDEN), st.sampled_from(["a", "b", "c"]), st.integers(1, 500)),
        max_size=12,
    )
)
def test_segments_stack_inside_the_chart(rijen: list[tuple[str, str, int]]) -> None:
    grafiek = staafgrafiek(MAANDEN, rijen, LABELS)
    assert [s.maand for s in grafiek.staven] == MAANDEN
    assert grafiek.totaal == sum(a for _, _, a in rijen)
    top = grafiek.schaal[-1][0]
    for staaf in grafiek.staven:
        assert staaf.totaal == sum(a for m, _, a in rijen if m == staaf.maand)
        assert staaf.totaal <= top
        assert sum(s.aantal for s in staaf.segmenten) == staaf.totaal
        for s in staaf.segmenten:
            assert BOVEN - 0.5 <= s.y <= HOOGTE - ONDER
            assert s.hoogte > 0
    assert len(grafiek.schaal) <= 7
    categorieen = [c for c, _, _ in grafiek.legenda]
    assert set(categorieen) == {c for _, c, _ in rijen}
    assert len({k for _, _, k in grafiek.legenda}) == len(categorieen)  # distinct colours


def test_labels_keep_their_order_and_months_their_dutch_names() -> None:
    grafiek = staafgrafiek(MAANDEN, [("2026-02", "b", 3), ("2026-02", "a", 1)], LABELS)
    assert [c for c, _, _ in grafiek.legenda] == ["a", "b"]
    assert [s.label for s in grafiek.staven] == ["jan 26", "feb 26", "mrt 26"]
    assert grafiek.staven[0].segmenten == []
