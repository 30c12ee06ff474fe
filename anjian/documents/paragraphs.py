"""Writing `Block`s (styled paragraphs with an optional 楷体 run-in heading) into a DOCX container."""

from __future__ import annotations

from collections.abc import Iterable

from anjian.documents.plan_text import Block
from anjian.documents.styles import RUN_IN, apply, apply_run


def add_block(container, block: Block):
    paragraph = apply(container.add_paragraph(), block.style)
    if block.run_in:
        apply_run(paragraph.add_run(block.run_in), RUN_IN)
    if block.text:
        paragraph.add_run(block.text)
    return paragraph


def add_blocks(container, blocks: Iterable[Block]) -> None:
    for block in blocks:
        add_block(container, block)
