"""The file side of reading a lab report: what runs inside the limited child process.

A PDF's words with their positions (pdfplumber), a photo cleaned and read by tesseract OCR, and
both laid back out as lines of text. This package imports nothing heavy from healthlib (no
pydantic models, no catalogue), so the child starts fast; `readers.labs` turns its lines into a
ReadReport.
"""
