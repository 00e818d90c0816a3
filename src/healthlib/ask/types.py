"""The question types (DESIGN.md's list): one definition shared by understanding and answering."""

from __future__ import annotations

from typing import Literal, get_args

Intent = Literal[
    "what_is", "uses", "how_it_works", "how_to_take", "dose", "duration", "onset", "side_effects",
    "interactions", "alcohol", "food", "who_should_not_take", "pregnancy", "breastfeeding",
    "missed_dose", "overdose", "stopping", "storage", "driving", "alternatives", "comparison",
    "brand_names", "ingredients", "appearance", "other",
]
INTENTS: tuple[str, ...] = get_args(Intent)
