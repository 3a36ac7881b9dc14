# falco-replay for batch jobs (deploy/kubernetes/): replay, merge and the other commands; not the recorder,
# which needs the host kernel. Build: docker build -t falco-replay:0.1.0 .

# Builder: all dependencies, then the TypeScript build (npm ci runs `prepare`, which is `npm run build`).
FROM node:20-slim AS build
WORKDIR /app
# The eBPF recorder is not part of the image: skip its native build (scripts/build-native.mjs).
ENV FALCO_REPLAY_SKIP_NATIVE=1
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm ci && npm prune --omit=dev

# Runtime: the built CLI, production dependencies and the bundled rules and demo capture.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /opt/falco-replay
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY fixtures ./fixtures
RUN chmod +x dist/cli/main.js && ln -s /opt/falco-replay/dist/cli/main.js /usr/local/bin/falco-replay
# The image's `node` user, by number so that Kubernetes' runAsNonRoot can check it.
USER 1000:1000
ENTRYPOINT ["falco-replay"]
CMD ["--help"]
