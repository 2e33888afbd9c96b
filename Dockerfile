# syntax=docker/dockerfile:1
# Tideway: one image for both processes. The compose file runs it as
#   worker: npm run worker        api: npm run api
# TypeScript runs through tsx (a runtime dependency); there is no build step.

# --- dependencies: production only, from the lockfile --------------------------------------
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- runtime ------------------------------------------------------------------------------
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

# Code and dependencies stay owned by root: the app reads them, it never writes them.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY config/ ./config/
COPY domain/ ./domain/
COPY journeys/ ./journeys/
COPY workflows/ ./workflows/
COPY activities/ ./activities/
COPY store/ ./store/
COPY worker/ ./worker/
COPY api/ ./api/

USER node
EXPOSE 3000
CMD ["npm", "run", "api"]
