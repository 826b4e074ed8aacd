# syntax=docker/dockerfile:1
# Two stages: compile with the dev dependencies, then ship the production dependencies and the
# compiled dist/src only. test/deploy/dockerfile.test.ts runs these stages' commands without an
# engine, so keep every RUN that builds the app an npm, node or git command.
#
# Base: Node 26 "Lithium", the active LTS since 2026-10-28 (24 "Krypton" is in maintenance), on
# Debian 13 "trixie", the current stable. Pinned by the digest of its multi-platform index, so a
# rebuild gets the same bytes. To refresh it (after a Node or Debian security release), run
#   docker buildx imagetools inspect node:26-trixie-slim
# and put the "Digest:" line of the index (not a platform's manifest) in NODE_IMAGE below.
ARG NODE_IMAGE=node:26-trixie-slim@sha256:930557a230abacbc3f4fd9b8648abf8f4bee1e17cb72195dcdfb2f709bc85b33

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# `npm run build` compiles the emulators too (dist/emulators/, for `rootguard demo` in a clone);
# only dist/src/ is shipped: the image has no dev dependencies, so its demo says so in one line.
COPY emulators ./emulators
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# git: `rootguard scan --git` and the partial clone of oversized pushes run it. tini: PID 1 that
# forwards SIGTERM/SIGINT to node (so workers checkpoint on shutdown, and Ctrl-C stops a scan) and
# reaps git's children.
RUN apt-get update \
  && apt-get install -y --no-install-recommends git ca-certificates tini \
  && rm -rf /var/lib/apt/lists/*
# A repository mounted at /src belongs to the host's user, not to `node`: git refuses such a
# repository ("dubious ownership") unless it is named safe. Only /src is, the documented mount point
# (`docker run -v "$PWD:/src" rootguard scan --git`); another path can be named at run time with
# -e GIT_CONFIG_COUNT=1 -e GIT_CONFIG_KEY_0=safe.directory -e GIT_CONFIG_VALUE_0=/that/path
RUN git config --system --add safe.directory /src
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY bin ./bin
COPY app.yml ./
# The image's own `node` user (uid 1000): rootguard never needs root.
USER node
WORKDIR /src
# serve: webhooks, /livez, /readyz and /metrics on PORT. worker: /livez and /readyz on
# ROOTGUARD_HEALTH_PORT (loopback unless ROOTGUARD_HEALTH_HOST says otherwise).
EXPOSE 3000 9464
# No curl in a slim image: node's fetch. The container runs serve (PORT) or a worker
# (ROOTGUARD_HEALTH_PORT), never both, so it is live when either answers /livez.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const ports=[process.env.PORT||3000,process.env.ROOTGUARD_HEALTH_PORT||9464];Promise.any(ports.map((p)=>fetch('http://127.0.0.1:'+p+'/livez',{signal:AbortSignal.timeout(4000)}).then((r)=>r.ok||Promise.reject(r.status)))).then(()=>process.exit(0),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/rootguard.js"]
CMD ["serve"]
