"""gunicorn's settings for the partnership site in production.

    .venv/bin/gunicorn --config deploy/gunicorn.conf.py

(``deploy/systemd/safeguarding-web.service`` runs exactly that; README, "Production".) Each
value can be changed from the environment, as below, without editing this file; gunicorn's
own command-line options override it too.

Behind the proxy: gunicorn listens where only the TLS-terminating proxy can reach it. Django
reads the proxy's ``X-Forwarded-Proto`` itself (``SECURE_PROXY_SSL_HEADER``) and the client's
address from ``X-Forwarded-For`` (``DJANGO_PROXY_COUNT``); gunicorn trusts the scheme headers
(for ``wsgi.url_scheme``) only from ``FORWARDED_ALLOW_IPS``: the proxy's own address(es),
comma-separated, never ``*`` unless nothing but the proxy can connect.
"""

import multiprocessing
import os

wsgi_app = "safeguarding_site.wsgi:application"

# GUNICORN_BIND: where to listen (an address:port, or unix:/run/safeguarding/gunicorn.sock).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers, one per CPU core and at least two (so one slow request never stops the site):
# measured faster than threads on this site (DESIGN.md, "Dependencies"). Each worker keeps
# its own page copies (PAGE_CACHE_LOCAL_BYTES) and a database connection. GUNICORN_WORKERS
# overrides the count.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))

# A request still running after this many seconds is a fault (the slowest page, a printable
# briefing made for the first time, takes a few seconds): its worker is stopped and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a restart or deployment (SIGTERM, or SIGHUP to reload), requests in flight get this long
# to finish before their workers are stopped.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# How long a connection from the proxy is kept open for its next request.
keepalive = 5

# Import the site once, before the workers are forked: faster start, shared memory, and a
# settings error stops gunicorn at once instead of every worker failing in turn.
preload_app = True

# The proxy's address(es) (see above). gunicorn's own default is 127.0.0.1 and ::1.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout and stderr, for systemd's journal or the container's log collector. The
# access log ends with the time taken in milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# Requests larger than these are refused before Django sees them (uploads go in the body,
# which Django limits: DATA_UPLOAD_MAX_MEMORY_SIZE and the document size limit).
limit_request_line = 8190
limit_request_fields = 100
