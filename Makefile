# employer-portal: `make run` (everything on the embedded default) and `make test` (the whole suite).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
# The web address in every link, whichever process builds it (honcho gives the worker and beat
# their own PORT, 5100 and 5200, so none of them may derive the address from PORT).
PORTAL_BASE_URL := $(or $(PORTAL_BASE_URL),http://127.0.0.1:$(PORT))
FLASK  := $(BIN)/flask --app employer_portal

.PHONY: run test install system-deps migrate seed bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

# Debian libraries WeasyPrint wants: HarfBuzz subsetting (~4x faster PDFs than the fontTools
# fallback), Pango and a font. Best effort: needs root and apt; skipped elsewhere.
system-deps:
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=""; for p in libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then echo "installing$$missing"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; \
	else echo "system-deps: install libharfbuzz-subset0, Pango and a font with your package manager"; fi

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

run: system-deps seed
	@echo ""
	@echo "  HireCheck:       $(PORTAL_BASE_URL)"
	@echo "  Demo sign-in:    admin@demo.example / maple-harbour-2026 (also hr@demo.example / cedar-lantern-2026)"
	@echo "  Mail goes to:    instance/outbox (listed at /dev/outbox)"
	@echo ""
	@# Ctrl+C stops web, worker and beat cleanly (scripts/run_dev.py, scripts/graceful.py)
	exec env PORT=$(PORT) PORTAL_BASE_URL=$(PORTAL_BASE_URL) $(BIN)/python scripts/run_dev.py

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# checks_vs_bare_flask.py loads both servers with wrk (Debian package wrk); installed here when missing and possible.
bench: install
	@command -v wrk >/dev/null 2>&1 || { if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "bench: install wrk with your package manager"; fi; }
	@for script in benchmarks/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
