"""Notes are Markdown; the preview shows them as safe HTML.

Raw HTML in a note is escaped (``html=False``), so nothing a note or an import contains can
inject markup or scripts; links keep only safe schemes (markdown-it's own validation) and images
are turned into plain links, so the preview never loads anything remote.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")

    def image_as_link(renderer, tokens, idx, options, env):
        token = tokens[idx]
        src = escapeHtml(str(token.attrGet("src") or ""))
        alt = escapeHtml(token.content or src)
        return f'<a href="{src}">[{alt}]</a>'

    md.add_render_rule("image", image_as_link)
    return md


def render(markdown_text: str) -> str:
    return _parser().render(markdown_text or "")
