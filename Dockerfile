# The platform image (api + worker roles). Built by docker-compose.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
ENV NODE_ENV=production HTTP_HOST=0.0.0.0
EXPOSE 8080
ENTRYPOINT ["npx", "tsx", "src/main.ts"]
CMD ["--role", "all"]
