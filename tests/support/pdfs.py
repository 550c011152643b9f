"""PDF files the tests make themselves: text pages in English and Chinese (Qt's PDF writer,
fonts embedded), a two-column page, a scanned page (a picture of text, no text layer), an
encrypted file (the PDF standard security handler, RC4, written here) and a damaged file.

The Qt half needs a QApplication (pytest-qt's ``qapp``); fonts: DejaVu Sans for Latin text and
Noto Sans CJK SC (Debian's fonts-noto-cjk) for Chinese.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from pathlib import Path

LATIN_FONTS = ["DejaVu Sans", "Noto Sans CJK SC"]
PAGE_W, PAGE_H = 595, 842  # A4 in points (the writer's resolution is 72 dpi)


def _writer(path: Path):
    from PySide6.QtGui import QPageSize, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    writer.setTitle(Path(path).stem)
    return writer


def _font(size: int = 11):
    from PySide6.QtGui import QFont

    font = QFont()
    font.setFamilies(LATIN_FONTS)
    font.setPointSize(size)
    return font


def text_pdf(path: Path, pages: Sequence[Sequence[str] | str], size: int = 11) -> Path:
    """One page per item: its lines (a string is split at line breaks)."""
    from PySide6.QtGui import QPainter

    writer = _writer(path)
    painter = QPainter(writer)
    painter.setFont(_font(size))
    step = int(size * 1.6)
    for number, lines in enumerate(pages):
        if number:
            writer.newPage()
        for row, line in enumerate(lines.split("\n") if isinstance(lines, str) else lines):
            painter.drawText(48, 60 + row * step, line)
    painter.end()
    return Path(path)


def two_column_pdf(path: Path, left: Sequence[str], right: Sequence[str]) -> Path:
    """One page with two columns of text on the same baselines, written as a typesetter
    (LaTeX) writes it: each line one string, the left column first."""
    lines = [(56, 760 - row * 14, text) for row, text in enumerate(left)]
    lines += [(310, 760 - row * 14, text) for row, text in enumerate(right)]
    return simple_pdf(path, [lines])


def scanned_pdf(path: Path, lines: Sequence[str]) -> Path:
    """A page that is only a picture of text (as a scanner makes): no text layer."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(PAGE_W * 2, PAGE_H * 2, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    pen = QPainter(image)
    pen.setFont(_font(22))
    for row, line in enumerate(lines):
        pen.drawText(80, 120 + row * 48, line)
    pen.end()
    writer = _writer(path)
    painter = QPainter(writer)
    painter.drawImage(0, 0, image.scaled(PAGE_W, PAGE_H))
    painter.end()
    return Path(path)


def damaged_pdf(path: Path, source: Path) -> Path:
    """The first part of a PDF only (cut off in a download): no cross-reference table."""
    data = Path(source).read_bytes()
    Path(path).write_bytes(data[: max(200, len(data) // 5)])
    return Path(path)


# ---- an encrypted PDF, written by hand (PDF 1.4, standard security handler revision 2) ---------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _padded(password: bytes) -> bytes:
    return (password + _PAD)[:32]


def simple_pdf(path: Path, pages: Sequence[Sequence[tuple[int, int, str]]], user_password: bytes | None = None,
               owner_password: bytes = b"owner") -> Path:
    """A PDF 1.4 file written by hand: pages of (x, y, text) lines in Helvetica 11 (Latin-1
    text); with ``user_password``, encrypted (RC4, 40-bit) so that it opens only with it."""
    file_id = hashlib.md5(str(path).encode()).digest()
    permissions = -44
    key = b""
    if user_password is not None:
        owner_key = hashlib.md5(_padded(owner_password)).digest()[:5]
        o_value = _rc4(owner_key, _padded(user_password))
        key = hashlib.md5(_padded(user_password) + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
        u_value = _rc4(key, _PAD)

    def sealed(number: int, data: bytes) -> bytes:
        if not key:
            return data
        return _rc4(hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10], data)

    def escaped(text: str) -> bytes:
        return text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    count = len(pages)
    page_refs = " ".join(f"{4 + 2 * i} 0 R" for i in range(count)).encode()
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + page_refs + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        number = 5 + 2 * i
        content = b"\n".join(b"BT /F1 11 Tf %d %d Td (" % (x, y) + escaped(t) + b") Tj ET" for x, y, t in lines)
        stream = sealed(number, content)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % number)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    trailer_extra = b""
    if key:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <"
                       + u_value.hex().encode() + b"> /P %d >>" % permissions)
        trailer_extra = b" /Encrypt %d 0 R" % len(objects)
    trailer_extra += b" /ID [<%s> <%s>]" % (file_id.hex().encode(), file_id.hex().encode())
    return _write_pdf(path, objects, trailer_extra)


def _write_pdf(path: Path, objects: Sequence[bytes], trailer_extra: bytes = b"") -> Path:
    """A PDF file of these objects (numbered from 1, the first the catalog) and its xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, trailer_extra, xref))
    Path(path).write_bytes(bytes(out))
    return Path(path)


def encrypted_pdf(path: Path, text: str = "A secret page about remote sensing",
                  user_password: bytes = b"secret") -> Path:
    """A one-page PDF that opens only with ``user_password``."""
    return simple_pdf(path, [[(60, 760, text)]], user_password=user_password)


# ---- the set the tests share --------------------------------------------------------------------

LATIN_PAGES = [
    ["Remote sensing foundation models", "Page one introduces the vision\u2011language model.",
     "Contrastive pretraining on satellite imagery."],
    ["Page two: zero-shot scene classification", "The second page mentions GeoChat and SkySense.",
     "Segmentation of buildings and roads."],
    ["Page three: ablations", "A no\u00a0break space and the ﬁnal results."],
]
CJK_PAGES = [
    ["遥感基础模型综述", "第一页讨论遥感图像的语义分割。"],
    ["第二页：多模态大模型与视觉问答", "Mixed 中英文 text: GeoChat 模型"],
]
LEFT_COLUMN = ["Left column starts here with", "hyperspectral unmixing methods", "left column ends"]
RIGHT_COLUMN = ["Right column begins with", "change detection benchmarks", "right column ends"]


def make_test_pdfs(folder: Path) -> dict[str, Path]:
    """The shared test files in ``folder``: latin, cjk, two_column, scanned, encrypted, damaged."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "latin": text_pdf(folder / "latin.pdf", LATIN_PAGES),
        "cjk": text_pdf(folder / "遥感综述.pdf", CJK_PAGES),
        "two_column": two_column_pdf(folder / "two-column.pdf", LEFT_COLUMN, RIGHT_COLUMN),
        "scanned": scanned_pdf(folder / "scanned.pdf", ["This page was scanned", "no text layer"]),
        "encrypted": encrypted_pdf(folder / "encrypted.pdf"),
    }
    files["damaged"] = damaged_pdf(folder / "damaged.pdf", files["latin"])
    return files


# ---- large typeset files, written by hand (fast: the benchmarks make thousands of pages) --------

def typeset_pdf(path: Path, pages: Sequence[str], size: int = 9) -> Path:
    """Pages of text (lines split at line breaks; English and Chinese) written as a typesetter
    writes them: one string per line, in a CID font whose codes are the characters' Unicode
    code points (Identity-H with a ToUnicode map, the way LaTeX and word processors make CJK
    PDFs). The font is not embedded: the text layer is what matters here."""
    chunks = [b"<%02X00> <%02XFF> <%02X00>" % (h, h, h) for h in range(256)]
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            + b"".join(b"%d beginbfrange\n" % len(part) + b"\n".join(part) + b"\nendbfrange\n"
                       for part in (chunks[i:i + 100] for i in range(0, 256, 100)))
            + b"endcmap CMapName currentdict /CIDResource defineresource pop end end")
    count = len(pages)
    first_page = 7
    page_refs = " ".join(f"{first_page + 2 * i} 0 R" for i in range(count)).encode()
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + page_refs + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NotoSansCJKsc-Regular /Encoding /Identity-H"
        b" /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSansCJKsc-Regular"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor 5 0 R /DW 1000 /W [32 126 520] >>",
        b"<< /Type /FontDescriptor /FontName /NotoSansCJKsc-Regular /Flags 4 /FontBBox [-1000 -300 2000 1100]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    step = size + 3
    for i, text in enumerate(pages):
        lines = text.split("\n")
        content = b"BT /F1 %d Tf %d TL 40 %d Td\n" % (size, step, PAGE_H - 40) + b"\n".join(
            b"<" + line.encode("utf-16-be", "replace").hex().encode() + b"> Tj T*" for line in lines) + b"\nET"
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % (PAGE_W, max(PAGE_H, 60 + step * len(lines)), first_page + 1 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return _write_pdf(path, objects)
