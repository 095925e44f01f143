# The app: dependencies from the lockfile as it is (--frozen), islands built ahead of time,
# run as the image's unprivileged `deno` user. The version is the README's pinned Deno.
FROM denoland/deno:debian-2.9.6

# Russian OCR model (lib/extract/ocr_data.ts prefers it to npm's Kazakh one).
RUN apt-get update \
  && apt-get install -y --no-install-recommends tesseract-ocr-rus \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /app /data \
  && chown deno:deno /app /data

WORKDIR /app
USER deno
ENV DENO_DIR=/app/.deno DENO_NO_UPDATE_CHECK=1

COPY --chown=deno:deno deno.json deno.lock ./
RUN deno install --frozen

COPY --chown=deno:deno . .
RUN deno install --frozen --entrypoint main.ts && deno task build

ENV PORT=8000 HOSTNAME=0.0.0.0 DATA_DIR=/data
EXPOSE 8000
VOLUME ["/data"]
CMD ["task", "start"]
