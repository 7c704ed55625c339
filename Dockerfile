# The app under gunicorn, for docker-compose.yml. Static files are collected at build time
# and served by WhiteNoise; uploaded documents live in the /app/media volume.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# Pango for WeasyPrint (the official PDFs).
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DEBUG=1 python manage.py compile_catalogues \
 && DEBUG=1 STATIC_ROOT=/app/staticfiles python manage.py collectstatic --noinput --verbosity 0
EXPOSE 8000
# gunicorn reads gunicorn.conf.py from /app: workers from the CPU count, timeouts, request log.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn council.wsgi:application"]
