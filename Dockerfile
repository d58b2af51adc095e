# The platform image (api, worker or both: `--role`), run by docker-compose.yml. Compiled JavaScript
# run with plain node, as an unprivileged user (docs/decisions/053).
#
#   docker build -t odoo-platform .
#   docker run --env-file .env -p 8080:8080 odoo-platform --role api
#
# The worker drives the Docker engine: mount /var/run/docker.sock and add the socket's group
# (`--group-add $(stat -c %g /var/run/docker.sock)`, compose: group_add DOCKER_GID) — it needs no root.
# The HEALTHCHECK asks the API's /readyz: a worker-only container (`--role worker`) serves no API, and
# compose gives it a check of its own (its metrics listener).
#
# Build arguments: BASE_IMAGE (node 20 on Debian; tests build from a local image of the host's node),
# PG_CLIENT (Debian package of pg_dump/pg_restore for backups; empty = none), ARTIFACTS (`build`
# compiles here; `prebuilt` takes dist/ from the build context, as tests/packaging does).
ARG BASE_IMAGE=node:20-bookworm-slim
ARG ARTIFACTS=build

FROM ${BASE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the build needs none (esbuild runs from its platform package), and node:20's npm 10
# would otherwise try to compile optional native add-ons without a compiler.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY scripts/build.sh ./scripts/build.sh
COPY src ./src
RUN npm run build

FROM scratch AS prebuilt
COPY dist /app/dist

FROM ${ARTIFACTS} AS artifacts

FROM ${BASE_IMAGE} AS runtime
ARG PG_CLIENT=postgresql-client
RUN if [ -n "$PG_CLIENT" ]; then \
      apt-get update && apt-get install -y --no-install-recommends "$PG_CLIENT" && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /app
# The bundles need no node_modules: every dependency is inside dist/main.js and dist/cli.js.
COPY --from=artifacts /app/dist ./dist
ENV NODE_ENV=production HTTP_HOST=0.0.0.0 BACKUP_FS_ROOT=/app/var/backups MAIL_DIR=/app/var/mail
RUN mkdir -p /app/var && chown 1000:1000 /app/var
# uid 1000 is `node` in the official node images.
USER 1000:1000
EXPOSE 8080 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/main.js"]
CMD ["--role", "all"]
