# syntax=docker/dockerfile:1
# Ladder's api and worker image. One image, the command picks the role: `start` (both), `api`, `worker`,
# `migrate`, or any other `ladder` command.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install` rather than `npm ci`: npm 11 leaves other platforms' optional packages out of the
# lockfile, which `npm ci` then rejects.
RUN npm install --no-audit --no-fund
COPY tsconfig.json .swcrc ./
COPY apps apps
COPY libs libs
COPY deploy deploy
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist
COPY deploy/demo deploy/demo
USER node
EXPOSE 3000
ENTRYPOINT ["node", "--disable-warning=TimeoutNegativeWarning", "dist/apps/cli/src/main.js"]
CMD ["start"]
