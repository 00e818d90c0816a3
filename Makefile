# Every target bootstraps its own virtualenv, so a fresh machine needs only Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench eval check clean browser-deps bench-deps labs-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# `make run` or `PORT=9000 make run`: prints the library file, its guide count and the address
run: $(STAMP)
	$(BIN)/healthlib serve $(if $(PORT),--port $(PORT))

test: $(STAMP) browser-deps labs-deps
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/healthlib check
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

check: $(STAMP)
	$(BIN)/healthlib check

eval: $(STAMP) labs-deps
	$(BIN)/python -m healthlib.ask.evaluate
	$(BIN)/python -m healthlib.library.interactions_eval
	$(BIN)/python benchmarks/eval_labs.py

bench: $(STAMP) bench-deps labs-deps
	$(BIN)/python benchmarks/run_all.py

# Browser tests drive Debian's chromium; install it when missing (root on CI machines).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing and not root: browser tests will be skipped"; fi; }

# Lab report photos are read by Debian's tesseract OCR, and the generated test reports use the
# DejaVu and Liberation fonts; install them when missing (root on CI machines).
labs-deps:
	@{ command -v tesseract && test -d /usr/share/fonts/truetype/dejavu && test -d /usr/share/fonts/truetype/liberation; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq tesseract-ocr tesseract-ocr-eng fonts-dejavu-core fonts-liberation >/dev/null; \
	  else echo "tesseract missing and not root: photo tests will be skipped"; fi; }

bench-deps:
	@command -v nginx >/dev/null 2>&1 && command -v wrk >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null; }

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
