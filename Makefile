# gongkai — the two commands are `make run` and `make test`; everything else is here too.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/gongkai
SQLITE_URL ?= sqlite:///$(CURDIR)/var/gongkai.sqlite3
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes: one per core (each gets its own test database).
TEST_WORKERS ?= 2
# Debian packages the tests, drills and benchmarks start (one += line per need)
DEB_PACKAGES :=
DEB_PACKAGES += nginx                     # installs nginx: the drills and bench-load run deploy/nginx/gongkai.conf
DEB_PACKAGES += openssl                   # installs openssl: the stack's throw-away TLS certificate, test_deploy
DEB_PACKAGES += wrk                       # installs wrk: bench-load drives the stack with it
DEB_PACKAGES += postgresql-15             # installs initdb/pg_ctl/psql (PG_BIN): the private cluster of the drills and bench-load
DEB_PACKAGES += redis-server              # installs redis-server: the drills' and bench-load's private Redis
DEB_PACKAGES += procps                    # installs pgrep: the drills find gunicorn's and Celery's worker processes
DEB_PACKAGES += libreoffice-writer-nogui  # installs soffice: notices as PDF (gongkai/foi/notices.py)
DEB_PACKAGES += fonts-noto-cjk            # installs the CJK fonts the notices name (Noto Serif CJK SC) for the PDFs
DEB_PACKAGES += fontconfig                # installs fc-match: the 公文 font mapping is checked before a PDF (gongkai/foi/fonts/fonts.conf)
DEB_PACKAGES += fonts-arphic-ukai         # installs AR PL UKai: 楷体 in the notices' PDF
DEB_PACKAGES += chromium                  # installs /usr/bin/chromium: the browser journeys (Playwright drives it)

.PHONY: run test test-sqlite test-postgres test-browser deps-system venv migrate demo serve bench-search bench-review bench-load bench-realworld bench-qa test-drills clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# The demo site's footer identifiers (fictional; a deployment sets its own, see config/settings.py)
DEMO_FOOTER := SITE_ID_CODE=$${SITE_ID_CODE-9999000001} SITE_ICP=$${SITE_ICP-示ICP备00000000号（演示）} \
  SITE_PSB=$${SITE_PSB-示公网安备99990002000001号（演示）} SITE_CONAC_URL=$${SITE_CONAC_URL-https://bszs.conac.cn/} \
  SITE_CONTACT_PHONE=$${SITE_CONTACT_PHONE-0999-8000000} SITE_CONTACT_EMAIL=$${SITE_CONTACT_EMAIL-xxgk@example.gov.cn}

## make run: environment, embedded SQLite under var/, demo data (once), server on 127.0.0.1:8000
run: $(STAMP)
	mkdir -p var
	DATABASE_URL=$${DATABASE_URL:-$(SQLITE_URL)} $(BIN)/gongkai migrate --noinput
	DATABASE_URL=$${DATABASE_URL:-$(SQLITE_URL)} $(BIN)/gongkai demo_load
	DATABASE_URL=$${DATABASE_URL:-$(SQLITE_URL)} DEBUG=1 $(DEMO_FOOTER) $(BIN)/gongkai runserver $(HOST):$(PORT)

## make deps-system: install the missing DEB_PACKAGES with apt-get (as root); silent when all are there
deps-system:
	@command -v dpkg-query >/dev/null || { echo "deps-system: not a Debian system; install the equivalents of: $(sort $(DEB_PACKAGES))"; exit 0; }; \
	missing=; for p in $(sort $(DEB_PACKAGES)); do \
	  case "$$(dpkg-query -W -f='$${db:Status-Abbrev}' $$p 2>/dev/null)" in ii*) ;; *) missing="$$missing $$p";; esac; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" != 0 ]; then echo "deps-system: missing Debian packages:$$missing; run 'sudo make deps-system'"; exit 1; fi; \
	echo "deps-system: apt-get install$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get -qq -o DPkg::Lock::Timeout=900 update && \
	apt-get -qq -y --no-install-recommends -o DPkg::Lock::Timeout=900 install $$missing >/dev/null

## make test: the whole suite on SQLite, then on PostgreSQL
test: test-sqlite test-postgres

test-sqlite: $(STAMP) deps-system
	DATABASE_URL=$(SQLITE_URL) GONGKAI_TESTING=1 $(BIN)/pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-postgres: $(STAMP) deps-system
	@$(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0] + '/postgres').close()" \
	  || { echo "PostgreSQL is not reachable at $(PG_URL)"; exit 1; }
	DATABASE_URL=$(PG_URL) GONGKAI_TESTING=1 $(BIN)/pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS)

## make test-browser: only the browser journeys (headless Chromium; they also run in `make test`)
test-browser: $(STAMP) deps-system
	DATABASE_URL=$(SQLITE_URL) GONGKAI_TESTING=1 $(BIN)/pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS) gongkai/portal/tests/browser
	DATABASE_URL=$(PG_URL) GONGKAI_TESTING=1 $(BIN)/pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS) gongkai/portal/tests/browser

clean:
	rm -rf $(VENV) var/test-*.sqlite3*

## make bench-realworld: importer, report checker and spam scan on the real pages in ../shared/realworld
bench-realworld: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-$(SQLITE_URL)} $(BIN)/python bench/realworld.py

## make bench-qa: 智能问答 answer@1 and MRR on ../shared/realworld/qa (own SQLite database with the demo)
bench-qa: $(STAMP)
	$(BIN)/python bench/qa.py

## make bench-review: precision/recall of the review service on its evaluation set, and scan throughput
bench-review: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-$(SQLITE_URL)} $(BIN)/python bench/review.py

## make bench-search: search benchmark of the one index (100,000 generated documents, embedded SQLite and
## PostgreSQL deployments, every query kind incl. phrases and 问答 passages, LIKE baseline) and Recall@10/MRR
## on the demo corpus; writes the search section of docs/PERFORMANCE.md
bench-search: $(STAMP)
	mkdir -p bench/out
	BENCH_PG_URL=$${BENCH_PG_URL:-$(dir $(PG_URL))postgres} $(BIN)/python bench/search.py --docs $${BENCH_DOCS:-100000} --parallel --write-doc

## make bench-load: the production stack (nginx, gunicorn, PostgreSQL, Redis, Celery) on loopback under
## wrk, 64 connections, 60 s per page; writes docs/PERFORMANCE.md. LOAD_ARGS='--docs 20000 --duration 30'
LOAD_ARGS ?=
bench-load: $(STAMP) deps-system
	$(BIN)/python bench/load/run.py --write-doc $(LOAD_ARGS)

## make test-drills: fault drills on a private stack (needs root for the tmpfs; about 2 minutes), then
## the full access matrix (every role of both agencies) on SQLite and PostgreSQL and a longer API fuzz
test-drills: $(STAMP) deps-system
	$(BIN)/pytest -p no:django --confcutdir=gongkai/ops/drills -q -W ignore::pytest.PytestConfigWarning gongkai/ops/drills/drills.py gongkai/ops/drills/drills_submit.py gongkai/ops/drills/drills_outages.py
	GONGKAI_FULL_MATRIX=1 DATABASE_URL=$(SQLITE_URL) GONGKAI_TESTING=1 $(BIN)/pytest -q gongkai/ops/tests/test_access_matrix.py
	GONGKAI_FULL_MATRIX=1 DATABASE_URL=$(PG_URL) GONGKAI_TESTING=1 $(BIN)/pytest -q gongkai/ops/tests/test_access_matrix.py
	GONGKAI_FULL_FUZZ=1 DATABASE_URL=$(SQLITE_URL) GONGKAI_TESTING=1 $(BIN)/pytest -q gongkai/ops/tests/test_fuzz_api.py
