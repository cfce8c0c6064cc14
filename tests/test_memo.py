"""ui.memo.per_read: one build per read of the source and per name, shared afterwards."""
from dataclasses import replace
from datetime import timedelta

import streamlit

from forum_data.forum import load_forum
from ui.memo import per_read


def test_per_read_builds_once_per_read_and_name():
    streamlit.cache_resource.clear()
    forum = load_forum()
    built = []

    def build(label):
        def make():
            built.append(label)
            return [label]
        return make

    first = per_read(forum, "chart", build("a"))
    assert per_read(forum, "chart", build("b")) is first == ["a"]          # the same object, not rebuilt
    assert per_read(forum, "other chart", build("c")) == ["c"]
    later = replace(forum, read_at=forum.read_at + timedelta(seconds=60))   # the next read of the source
    assert per_read(later, "chart", build("d")) == ["d"]
    elsewhere = replace(forum, source="/autre/classeur")
    assert per_read(elsewhere, "chart", build("e")) == ["e"]
    assert built == ["a", "c", "d", "e"]
    streamlit.cache_resource.clear()
