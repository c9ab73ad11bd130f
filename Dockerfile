# The employer portal image: web (gunicorn), Celery worker and beat all run from it.
FROM python:3.12-slim-bookworm

# WeasyPrint: Pango for layout, HarfBuzz subsetting for small PDFs fast, and a font.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 libpangocairo-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY employer_portal ./employer_portal
COPY tasks ./tasks
COPY templates ./templates
COPY migrations ./migrations
# Editable install: templates/ and migrations/ are read from /app next to the package.
RUN pip install -e . \
 && useradd --system --uid 10001 --home /app portal \
 && mkdir -p /data/instance /data/files && chown -R portal /data
USER portal
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "employer_portal:create_app()"]
