# syntax=docker/dockerfile:1
# portbot: the Slack and/or Discord bot.
#   docker build -t portbot .
#   docker run --env-file .env -v portbot-data:/data -p 3000:3000 portbot
# The container runs `portbot serve`: every platform configured in its environment, and exit 2
# (listing what to set) when none is. compose.yaml runs it with PostgreSQL, two Slack replicas and
# one Discord process. test/docker.test.ts replays these stages in a temp dir (each COPY, each RUN,
# then the CMD), so a file the build needs but no COPY brings in fails the test suite.

# ---- build: compile src/ to dist/ -------------------------------------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would compile before the sources are here, and the `node` dev
# dependency (a Node binary for older hosts) is not needed on an image that has Node 24.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# src/adapters/discord/commands.ts imports manifests/discord-commands.json; the build also
# prebuilds the name-search index for the shipped data (scripts/, data/ -> dist/core/search-index.json).
COPY manifests ./manifests
COPY data ./data
COPY scripts ./scripts
RUN npm run build

# ---- deps: production dependencies only --------------------------------------------------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

# ---- runtime --------------------------------------------------------------------------------------
FROM node:24-bookworm-slim AS runtime
# NODE_OPTIONS: V8's young generation capped at 2 MB per semi-space. By default it is 64 MB at idle
# and grows to 128 MB in a burst, filled with a chat bot's short-lived request garbage; capped, idle
# RSS is ~25 MB lower and a 2,000-command burst peaks ~70 MB lower (docs/operations.md, Memory).
# MALLOC_ARENA_MAX=1: one C-allocator arena instead of one per thread, so what the answer worker
# thread and the sockets allocated in a burst is given back after it rather than kept per thread.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=2 \
    MALLOC_ARENA_MAX=1 \
    PORTBOT_DATA_DIR=/data \
    PORT=3000 \
    HEALTH_PORT=9464
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json: "type": "module" for dist/, and the version `portbot --version` prints.
COPY package.json ./
COPY bin ./bin
COPY data ./data
COPY manifests ./manifests
# Ratings (SQLite, when there is no DATABASE_URL) and the IANA registry `portbot data update`
# downloads live in /data; mount a volume there to keep them. Owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
# 3000: Slack's HTTP mode (PORT, path /slack/events). 9464: /healthz (HEALTH_PORT).
# Socket Mode and Discord only connect out.
EXPOSE 3000 9464
# SIGTERM: finish the answers in flight, disconnect, close the store, exit 0.
STOPSIGNAL SIGTERM
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js", "serve"]
