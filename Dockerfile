# Connected Apps as an image: the standalone production build (scripts/standalone.mjs), run as a
# non-root user by the same command as `npm start`. The development machines of this project have
# no container engine, so the image itself is not built there; tests/e2e/image.spec.ts runs this
# file's command, environment and health check on a copy of exactly the files its last stage copies.
#
#   docker build -t connected-apps .
#   docker run -p 3000:3000 -v connected-apps-data:/app/data connected-apps

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 builds its native module here, for this image's Node and glibc.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS run
WORKDIR /app
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/scripts/start.mjs /app/scripts/standalone.mjs ./scripts/
COPY --from=build --chown=node:node /app/lib/zero-config.mjs /app/lib/logger.mjs ./lib/
RUN mkdir -p /app/data && chown node:node /app/data
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000
USER node
VOLUME /app/data
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD ["node", "-e", "fetch('http://localhost:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/start.mjs"]
