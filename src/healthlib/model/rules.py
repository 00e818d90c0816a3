"""Content rules a reviewer would apply to one monograph, beyond what its shape enforces.

`healthlib check` reports these for the curated guides. They are not model validators, so a
label that breaks one can still be imported (and shown with what it does say).
"""

from __future__ import annotations

import re

from healthlib.model.monograph import Monograph

# "the label says it must NOT be used for…", "not meant for this kind of spasm", "not indicated"
_PROHIBITED = re.compile(
    r"\b(must not|should not|not be used|not meant for|not indicated|not for (?:this|use)|label says [^.]*\bnot\b)",
    re.IGNORECASE)


def content_problems(m: Monograph) -> list[tuple[str, str]]:
    """(field path, problem) for every rule `m` breaks."""
    problems: list[tuple[str, str]] = []
    for i, use in enumerate(m.uses):
        words = f"{use.condition}. {use.note or ''}"
        if use.off_label and _PROHIBITED.search(words):
            problems.append((f"uses[{i}]", "an off-label use the label prohibits belongs in not_for"))
    for i, dose in enumerate(m.how_to_take.doses):
        where = f"how_to_take.doses[{i}]"
        if dose.usual is not None and dose.usual_per == "dose" and not dose.usual_frequency:
            problems.append((where, "a usual dose needs usual_frequency (how often it is taken)"))
        if dose.start is None and dose.start_frequency:
            problems.append((where, "start_frequency without a start amount: use usual_frequency"))
    return problems
