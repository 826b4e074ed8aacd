# syntax=docker/dockerfile:1
# Two stages: compile with the dev dependencies, then ship production dependencies and dist/ only
# (dist/src/: rootguard; dist/emulators/: the demo's emulators).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# The emulators are built too (dist/emulators/): `rootguard demo` runs them, in a clone with its
# dev dependencies; the image ships without those, so the demo there says so in one line.
COPY emulators ./emulators
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# git: `rootguard scan --git` and the partial clone of oversized pushes run it.
RUN apt-get update \
  && apt-get install -y --no-install-recommends git ca-certificates tini \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY app.yml ./
# The image's own `node` user (uid 1000): rootguard never needs root.
USER node
# tini forwards SIGTERM so workers can finish or hand back their jobs on shutdown.
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/rootguard.js"]
CMD ["serve"]
