"""Lab reports: the lab-test catalogue (and, beside it, the report readers)."""

from healthlib.readers.labs.catalogue import (
    LabCatalogue,
    builtin_catalogue,
    catalogue_problems,
    load_catalogue,
    normalise_name,
    read_labtest,
)

__all__ = ["LabCatalogue", "builtin_catalogue", "catalogue_problems", "load_catalogue",
           "normalise_name", "read_labtest"]
