"""The notes preview: Markdown to HTML that cannot inject markup or load anything."""

import pytest

from rsfm_desktop.core.markdown_render import render


def test_markdown_renders():
    html = render("# 读书笔记\n\n**bold** and *it* and `code`\n\n- one\n- two\n")
    assert "<h1>读书笔记</h1>" in html
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html and "<code>code</code>" in html
    assert html.count("<li>") == 2


@pytest.mark.parametrize(
    "raw",
    ["<script>alert(1)</script>", '<img src="https://tracker.example/x.png">',
     '<iframe src="https://example.org"></iframe>', "<b onmouseover=alert(1)>x</b>",
     "<style>body{display:none}</style>"],
)
def test_raw_html_is_shown_as_text(raw):
    html = render(f"before\n\n{raw}\n\nafter {raw}")
    tag = raw[1:].split()[0].split(">")[0]
    assert f"<{tag}" not in html
    assert f"&lt;{tag}" in html


def test_images_become_links_and_load_nothing():
    html = render("See ![the figure](https://example.org/fig.png) here")
    assert "<img" not in html
    assert '<a href="https://example.org/fig.png">[the figure]</a>' in html


def test_image_alt_text_and_address_are_escaped():
    html = render('![a "quoted" <b>alt</b>](https://example.org/x.png?a=1&b=2)')
    assert "<img" not in html and "<b>" not in html
    assert 'href="https://example.org/x.png?a=1&amp;b=2"' in html


def test_unsafe_link_schemes_are_not_links():
    html = render("[click](javascript:alert(1)) and ![x](javascript:alert(2))")
    assert 'href="javascript' not in html.lower()


def test_safe_links_stay_links():
    html = render("[code](https://github.com/mbzuai-oryx/geochat)")
    assert '<a href="https://github.com/mbzuai-oryx/geochat">code</a>' in html


def test_tables_render():
    html = render("| Model | Year |\n|---|---:|\n| GeoChat | 2024 |\n| RSGPT | 2023 |\n")
    assert "<table>" in html
    assert "<th>Model</th>" in html
    assert "<td>GeoChat</td>" in html
    assert html.count("<tr>") == 3


def test_strikethrough_and_empty_notes():
    assert "<s>old</s>" in render("~~old~~")
    assert render("") == ""
    assert render(None) == ""
