# syntax=docker/dockerfile:1
# Tideway: one image for both processes, built from `npm run build` (JavaScript, the workflow bundle,
# the console). The compose file runs it as
#   api: node dist/api/main.js        worker: node dist/worker/main.js
# and the CLIs as `node dist/cli/users.js …`, `node dist/cli/journeys.js …`.
# test/image-contents.test.ts lays out what the runtime stage copies and runs it end to end.

# --- build: every dependency, then npm run build ----------------------------------------------
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and the build output, nothing else -----------------------
FROM node:22-slim AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

# Code and dependencies stay owned by root: the app reads them, it never writes them.
COPY package.json package-lock.json ./
# Optional packages too: TypeScript arrives as an optional peer of a dependency of MJML's (cosmiconfig), and
# npm keeps a package that is both a development and an optional one unless both are left out.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/dist ./dist

USER node
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
