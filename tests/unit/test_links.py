"""Which links the app agrees to open."""

import pytest

from rsfm_desktop.core.openable import UnsafeLink, check_link


@pytest.mark.parametrize(
    "url", ["https://arxiv.org/abs/2311.15826", "http://example.org/x?y=1", "  https://github.com/a/b  "]
)
def test_web_links_open_as_urls(url):
    target = check_link(url)
    assert target.url == url.strip()
    assert target.path is None


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "My Papers" / "GeoChat 遥感.PDF"
    path.parent.mkdir()
    path.write_bytes(b"%PDF-1.4\n")
    return path


def test_an_existing_local_pdf_opens_as_a_file(pdf):
    assert check_link(str(pdf)).path == pdf.resolve()
    assert check_link(pdf.as_uri()).path == pdf.resolve()  # file:// URL, spaces percent-encoded
    assert check_link(str(pdf)).url is None


@pytest.mark.parametrize(
    "target",
    ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:void(0)",
     "data:text/html;base64,PHNjcmlwdD4=", "data:application/pdf;base64,JVBERi0=",
     "ftp://example.org/paper.pdf", "mailto:someone@example.org", "smb://server/share/a.pdf",
     "vbscript:msgbox", "chrome://settings", "ms-settings:privacy"],
)
def test_other_schemes_are_refused(target):
    with pytest.raises(UnsafeLink) as exc:
        check_link(target)
    assert exc.value.reason == "scheme"


@pytest.mark.parametrize("name", ["run.sh", "setup.exe", "tool.py", "app.desktop", "noext", "x.bat"])
def test_local_programs_and_scripts_are_refused(tmp_path, name):
    program = tmp_path / name
    program.write_text("#!/bin/sh\necho hi\n")
    program.chmod(0o755)
    for target in (str(program), program.as_uri()):
        with pytest.raises(UnsafeLink) as exc:
            check_link(target)
        assert exc.value.reason == "filetype"


def test_missing_files_and_folders_are_refused(tmp_path):
    for target in (str(tmp_path / "gone.pdf"), (tmp_path / "gone.pdf").as_uri(), str(tmp_path)):
        with pytest.raises(UnsafeLink) as exc:
            check_link(target)
        assert exc.value.reason == "missing"


@pytest.mark.parametrize("target", ["", "   ", None, "http://"])
def test_empty_or_incomplete_links_are_refused(target):
    with pytest.raises(UnsafeLink):
        check_link(target)


def test_the_refusal_names_the_link():
    with pytest.raises(UnsafeLink, match="javascript:alert"):
        check_link("javascript:alert(1)")
