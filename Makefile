# The test command installs everything it needs: Debian packages (Dovecot for the IMAP
# tests, OpenSSL for their certificates, Chromium and its driver for looking at the digest,
# poppler-utils for rendering the dossier) and the Python packages in a virtualenv.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
APT_PACKAGES := dovecot-imapd openssl chromium chromium-driver poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: test lint pytest install system-packages bench clean catalogs

test: install system-packages lint pytest

pytest:
	$(PY) -m pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

system-packages:
	@missing=""; \
	[ -x /usr/sbin/dovecot ] || missing="$$missing dovecot-imapd"; \
	command -v openssl >/dev/null 2>&1 || missing="$$missing openssl"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	[ -x /usr/bin/chromedriver ] || missing="$$missing chromium-driver"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

bench: install system-packages
	$(PY) bench/poll_idle.py
	$(PY) bench/documents.py
	$(PY) bench/reprocess_corpus.py
	$(PY) bench/labelled_set.py
	$(PY) bench/outputs.py

# Texts for people: extract the marked texts (and argparse's own) into the template, bring
# the Dutch catalog up to date with it, then translate what is new and compile.
LOCALE := intake/locale
catalogs: install
	$(VENV)/bin/pybabel extract --no-location --sort-output --omit-header --width 88 \
		--project intake -F $(LOCALE)/babel.cfg -o $(LOCALE)/intake.pot \
		intake parsers store scheduler.py \
		"$$($(PY) -c 'import argparse; print(argparse.__file__)')"
	$(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete --width 88 \
		-i $(LOCALE)/intake.pot -d $(LOCALE) -D intake -l nl
	$(VENV)/bin/pybabel compile --statistics -d $(LOCALE) -D intake -l nl

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
