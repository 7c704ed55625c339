"""gunicorn's settings for the council's app; gunicorn reads this file from the working folder.

Every value can be overridden from the environment (GUNICORN_WORKERS=4 …) or the command line.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Pages are rendered in Python, so workers are processes: two per core plus one, the
# usual rule for a CPU-bound app that also waits on PostgreSQL.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# A request that takes longer than this is stuck (an upload of the largest document
# takes seconds): the worker is killed and replaced, and the client gets a 502.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle each worker after about a thousand requests, not all at the same moment, so
# a slow leak in any library never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
# Load the app before forking: workers share its memory, and a broken setting stops
# the master at once instead of every worker in turn.
preload_app = True
# One line per request on standard output (docker logs), errors on standard error:
# address, method and path, status, bytes, and time taken in microseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(a)s"'
# Behind a proxy that terminates TLS, trust its X-Forwarded-* headers only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
