"""Ask: answers people's medicine questions from the library's guides alone, with citations.

`answer_question(lib, question)` in `healthlib.ask.answer` is the entry point; `understand` reads
the question, `safety` checks it for red flags, `evaluate` measures both (`make eval`).
"""
