# syntax=docker/dockerfile:1
# Build stage: install pinned dependencies into a virtual environment and compile translations.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN python -m venv /opt/venv
COPY requirements.lock ./
RUN /opt/venv/bin/pip install --require-hashes -r requirements.lock
COPY locales ./locales
RUN /opt/venv/bin/pybabel compile -d locales -D messages

# Runtime stage: no compilers, no pip cache, a non-root user, only /data writable.
FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH=/opt/venv/bin:$PATH \
    DATABASE_PATH=/data/bot.sqlite3 CONTENT_DIR=/app/content
RUN groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid bot --home-dir /app --no-create-home bot \
    && mkdir /data && chown bot:bot /data
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app/locales ./locales
COPY bot ./bot
COPY content ./content
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=60s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-m", "bot", "health"]
CMD ["python", "-m", "bot", "run"]
