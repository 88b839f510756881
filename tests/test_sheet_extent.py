"""How far a sheet's cells reach, found before python-calamine lays them out (optimizer/reading/sheet_xml.py): the
numpy reading of plain references (`_plain_extent`) gives the byte search's answer on any sheet XML, and hands
every sheet it cannot read plainly to the byte search and the walk."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from optimizer.reading import sheet_xml


def sheet(cells: list[str], dimension: str = "A1:B2", outside: str = "") -> bytes:
    rows = "".join(f'<row r="{n}">{cell}</row>' for n, cell in enumerate(cells, start=1))
    return (f'<?xml version="1.0"?><worksheet><dimension ref="{dimension}"/><sheetData>{rows}</sheetData>{outside}'
            "<pageMargins/></worksheet>").encode()


def byte_search(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """The extent as found before `_plain_extent`: counts of the tags, then a regex for references beyond."""
    with monkeypatch.context() as patched:
        patched.setattr(sheet_xml, "_plain_extent", lambda data: None)
        return sheet_xml._extent_bound(data)


letters = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz", min_size=1, max_size=4)
digits = st.from_regex(r"0{0,2}[1-9][0-9]{0,8}", fullmatch=True)
plain_ref = st.builds(lambda a, n: f"{a.upper()}{n.lstrip('0')}", letters, digits)
any_ref = st.one_of(plain_ref, st.builds(str.__add__, letters, digits),
                    st.from_regex(r"[A-Z0-9 ]{0,6}", fullmatch=True))
cell = st.one_of(
    st.builds(lambda ref: f'<c r="{ref}" s="1"><v>1</v></c>', plain_ref),
    st.builds(lambda ref: f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">x</t></is></c>', any_ref),
    st.just("<c><v>1</v></c>"), st.just('<c s="2" r="B3"/>'), st.just('<x:c r="A1"/>'))


@given(st.lists(cell, min_size=1, max_size=12), st.sampled_from(["A1:B2", "A1:ZZ99999", "A1", "B7"]),
       st.sampled_from(["", '<c r="XFD1048576"/>', '<c r="b00012"/>', '<cols/>']))
def test_the_plain_reading_gives_the_byte_searchs_extent(cells: list[str], dimension: str, outside: str) -> None:
    data = sheet(cells, dimension, outside)
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert sheet_xml._extent_bound(data) == byte_search(data, monkeypatch)


def test_plain_references_are_read_in_c() -> None:
    data = sheet(['<c r="A1"/>', '<c r="O9"/><c r="AB12"/>', '<c r="c100"/>'])
    assert sheet_xml._plain_extent(data) == (100, 28)  # lower-case letters are a column too; rows by number


@pytest.mark.parametrize("cells", [
    ['<c r="A01"/>'],  # a leading zero: the longest digits are not the largest number
    ['<c r="A1 "/>'], ['<c r="1"/>'], ['<c r="A"/>'], ['<c r=""/>'],  # not a plain reference
    ["<c><v>1</v></c>"], ['<c s="1" r="A1"/>'], ['<x:c r="A1"/>'],  # a cell the reader numbers, or prefixed
    ['<c r="ABCDEFGHIJKL1"/>'],  # longer than _PLAIN_REF
])
def test_what_is_not_plain_goes_to_the_byte_search(cells: list[str]) -> None:
    assert sheet_xml._plain_extent(sheet(cells)) is None


def test_a_reference_outside_the_sheets_data_counts_as_before() -> None:
    assert sheet_xml._plain_extent(sheet(['<c r="A1"/>'], outside='<c r="XFD1048576"/>')) == (1_048_576, 16_384)
    assert sheet_xml._plain_extent(sheet(['<c r="A1"/>'], outside='<c r="5"/>')) is None
