"""Validate monograph files one by one while writing them: `python tools/validate_monograph.py FILE...`."""

import sys
from pathlib import Path

from healthlib.model.errors import HealthlibError
from healthlib.readers.curated import read_monograph

bad = 0
for arg in sys.argv[1:]:
    try:
        m = read_monograph(Path(arg))
        print(f"ok   {m.slug}")
    except HealthlibError as exc:
        bad += 1
        print(f"FAIL {exc}")
sys.exit(1 if bad else 0)
