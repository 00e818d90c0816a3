"""Ask: answers people's medicine questions from the library's stored guides, with citations.

- `understand`: the one place that reads a question (medicines via `vocabulary`, question type
  and urgency via `classifier`, red-flag rules in `safety`, what it turns on);
- `answering`: the responder table choosing passages of the stored Article (section ids, FAQ);
- `answer`: `answer_question(lib, question)`, the entry point, and the `Answer` shape;
- `evaluate`: `make eval` (held-out, cross-validation, tuned set, real consumer questions).
Word lists live in `data/ask-*.yaml`.
"""
