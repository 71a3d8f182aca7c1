# The Expedite GitHub App as a container. Node 24, the current LTS line (Node 20 reached end of life in
# April 2026), on Debian slim. The image runs dist/app.js, the same bundle the out-of-process tests run;
# it is checked in, so the image needs no build step and no development dependencies.
#
#   docker build -t expedite .
#   docker run --rm -p 3000:3000 --env-file .env expedite
#
# Variables: README.md ("Run it as a GitHub App") and docs/deploy.md.
FROM node:24-bookworm-slim

ENV NODE_ENV=production \
    LOG_FORMAT=json \
    PORT=3000

WORKDIR /app

# Production dependencies only, from the lockfile, as root (the files stay read-only for the App's user).
# --workspaces=false: the workspace packages (packages/, the GitHub simulator for the tests) are not copied
# and nothing of theirs is installed.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund && npm cache clean --force

COPY dist/app.js dist/app.js.map ./dist/
COPY templates ./templates

# The official image's unprivileged user.
USER node

EXPOSE 3000

# Liveness: the process answers and its scheduler is not wedged (docs/deploy.md, "Health").
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# SIGTERM starts a graceful shutdown; EXPEDITE_SHUTDOWN_TIMEOUT (default 8s) fits Docker's 10-second stop.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/app.js"]
