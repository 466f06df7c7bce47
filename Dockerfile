# syntax=docker/dockerfile:1
# portbot: Slack and/or Discord bot. Build: docker build -t portbot .
# Run: docker run --env-file .env -v portbot-data:/data portbot

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The `node` dev dependency (a Node binary for older hosts) is not needed here: the image has Node 24.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY data ./data
COPY manifests ./manifests
COPY scripts ./scripts
# The name-search index for the shipped data (dist/core/search-index.json), as `npm run build` does.
RUN npx tsc -p tsconfig.build.json && node scripts/build-search-index.ts

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORTBOT_DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY data ./data
COPY manifests ./manifests
# Ratings (SQLite) and the downloaded IANA registry live in /data; mount a volume to keep them.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
# HTTP mode listens on PORT for /slack/events; Socket Mode and Discord need no inbound port.
EXPOSE 3000
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
