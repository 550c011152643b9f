"""Text encodings as labs' files have them: byte order marks, UTF-16 without one, JabRef's
``% Encoding:`` header, legacy Western and East Asian encodings, and an honest "not sure"."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.io import ImportFormatError, parse_text, read_file
from rsfm_desktop.core.io.encoding import CONFIDENT, decode, guess

from .io_helpers import FIXTURES

ENCODINGS = FIXTURES / "encodings"


@pytest.mark.parametrize(
    ("name", "encoding", "title", "author"),
    [
        ("jabref_cp1252.bib", "Windows-1252", "Über die Fernerkundung von Gletschern: eine Übersicht", "Åse Ødegaard"),
        ("legacy_cp1252.bib", "Windows-1252", "Teledetección de cultivos con imágenes Sentinel-2: análisis multitemporal",
         "José García"),
        ("gbk.bib", "GB18030", "面向遥感影像的视觉语言基础模型综述", "欧阳娜娜"),
        ("big5.bib", "Big5", "遙感影像語意分割之深度學習方法研究", "陳大文"),
        ("shift_jis.ris", "Shift-JIS (Windows)", "衛星画像による水田の自動抽出に関する研究", "田中太郎"),
        ("utf16_bom.ris", "UTF-16 LE", "Sea-ice concentration from passive microwave: a comparison", "Søren Nørgaard"),
        ("utf16be_nobom.ris", "UTF-16 BE", "Sea-ice concentration from passive microwave: a comparison", "Søren Nørgaard"),
        ("utf8_bom.ris", "UTF-8", "Sea-ice concentration from passive microwave: a comparison", "Søren Nørgaard"),
    ],
)
def test_files_in_every_encoding_are_read_and_named(name, encoding, title, author):
    batch = read_file(ENCODINGS / name)
    assert batch.encoding == encoding and batch.encoding_confident
    record = batch.records[0]
    assert record.title == title
    assert author in record.values["authors"]


def test_a_ris_text_starting_with_a_byte_order_mark_parses():
    batch = parse_text("\ufeffTY  - JOUR\nTI  - A title\nER  - \n", "paste.ris")
    assert [r.title for r in batch.records] == ["A title"]


def test_an_ambiguous_guess_is_marked_uncertain_and_the_user_can_choose(tmp_path):
    # Ø is 0xD8: Windows-1252 reads Ø, Windows-1250 reads Ř; nothing else in the file decides.
    path = tmp_path / "short.bib"
    path.write_bytes("@article{k, title={Ødegaard}}\n".encode("cp1252"))
    unsure = read_file(path)
    assert not unsure.encoding_confident and unsure.encoding_confidence < CONFIDENT
    chosen = read_file(path, encoding="cp1250")
    assert chosen.encoding == "Windows-1250" and chosen.encoding_confident
    assert chosen.records[0].title == "Řdegaard"


def test_a_declared_encoding_wins_and_a_false_declaration_is_refused_not_a_traceback(tmp_path):
    path = tmp_path / "declared.bib"
    path.write_bytes("% Encoding: GBK\n@article{k, title={遥感}}\n".encode("gbk"))
    assert read_file(path).records[0].title == "遥感"
    liar = tmp_path / "liar.bib"
    liar.write_bytes("% Encoding: UTF-8\n@article{k, title={".encode() + "Über".encode("cp1252") + b"}}\n")
    with pytest.raises(ImportFormatError, match="UTF-8"):
        read_file(liar)


def test_a_legacy_character_far_into_a_large_file_is_still_found(tmp_path):
    ascii_part = "".join(f"@misc{{k{i}, title={{Entry number {i}}}}}\n" for i in range(40_000))
    path = tmp_path / "big.bib"
    path.write_bytes(ascii_part.encode() + "@misc{last, title={Café}}\n".encode("cp1252"))
    assert path.stat().st_size > 1_500_000
    batch = read_file(path)
    assert batch.encoding == "Windows-1252"
    assert batch.records[-1].title == "Café"


def test_valid_utf8_is_certain_and_utf16_without_mark_is_recognised_by_its_nul_bytes():
    text, found = decode("Ødegaard 遥感".encode())
    assert (text, found.encoding, found.confident) == ("Ødegaard 遥感", "utf-8", True)
    assert guess([("TY  - JOUR\n" * 20).encode("utf-16-le")]).encoding == "utf-16-le"
    assert guess([b"plain ascii"]).encoding == "utf-8"
    with pytest.raises(LookupError):
        guess([b"x"], "no-such-codec")
