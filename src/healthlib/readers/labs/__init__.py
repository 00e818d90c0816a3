"""Lab reports: the lab-test catalogue and the readers for report text, PDFs and images."""
