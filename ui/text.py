"""Cell text shown safely: never as markup.

Streamlit renders Markdown (links, images, ``**``, ``$…$`` LaTeX, ``:red[…]``,
``:material/…:``) in st.markdown, st.write, captions, titles and widget labels. Text that
comes from the workbook goes through ``plain`` first, so it shows exactly as typed.

>>> print(plain("[clic](javascript:alert(1)) **gras** $x$ :red[rouge] <b>"))
\\[clic\\]\\(javascript\\:alert\\(1\\)\\) \\*\\*gras\\*\\* \\$x\\$ \\:red\\[rouge\\] &lt;b&gt;
"""
from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$>])")


def plain(text: object) -> str:
    """Escape every Markdown and HTML special character of ``text``."""
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", escaped)
