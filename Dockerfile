# The long-running reconcile runner: preview → guards → up every 30 minutes, one JSON log line per event, with
# /healthz, /readyz and /metrics on port 9464. Node 24 (LTS), for linux/amd64 and linux/arm64 (BuildKit):
#   docker buildx build --platform linux/amd64,linux/arm64 \
#     --build-arg PULUMI_SHA256_AMD64=<sha256 of pulumi-v3.248.0-linux-x64.tar.gz> \
#     --build-arg PULUMI_SHA256_ARM64=<sha256 of pulumi-v3.248.0-linux-arm64.tar.gz> \
#     -t registry.example.com/personio-azuread:0.1.0 --push .
#   docker run --env-file runner.env -p 127.0.0.1:9464:9464 personio-azuread --stack prod
# One platform only: --platform linux/amd64 and only its checksum, --load instead of --push. runner.env (see
# runner.env.example) holds PULUMI_ACCESS_TOKEN (or PULUMI_BACKEND_URL + PULUMI_CONFIG_PASSPHRASE), ARM_TENANT_ID,
# ARM_CLIENT_ID, ARM_CLIENT_SECRET, PERSONIO_CLIENT_ID, PERSONIO_CLIENT_SECRET and optionally NOTIFY_URL. It is
# passed at run time only: .dockerignore keeps it (and every *.env, and .pulumi/) out of the build context, and
# no secret is an ARG or ENV of any layer. node:24-bookworm-slim is published for both platforms; where your
# registry policy wants base images pinned, add its digest (node:24-bookworm-slim@sha256:…) to the three FROMs.

# --- Pulumi CLI of the target platform, downloaded on the build platform (no emulation needed) and checked against
# the SHA-256 published with the release
# (https://github.com/pulumi/pulumi/releases/download/v<version>/pulumi-<version>-checksums.txt).
FROM --platform=$BUILDPLATFORM node:24-bookworm-slim AS pulumi
ARG PULUMI_VERSION=3.248.0
ARG PULUMI_SHA256_AMD64
ARG PULUMI_SHA256_ARM64
ARG TARGETARCH
RUN set -e; \
    case "${TARGETARCH}" in \
      amd64) arch=x64; sha="${PULUMI_SHA256_AMD64}" ;; \
      arm64) arch=arm64; sha="${PULUMI_SHA256_ARM64}" ;; \
      *) echo "Invalid TARGETARCH: '${TARGETARCH}'. Allowed: amd64, arm64 (docker buildx build --platform linux/amd64,linux/arm64)"; exit 1 ;; \
    esac; \
    if [ -z "${sha}" ]; then echo "Missing --build-arg PULUMI_SHA256_$(echo "${TARGETARCH}" | tr a-z A-Z): the SHA-256 of pulumi-v${PULUMI_VERSION}-linux-${arch}.tar.gz (see the release's checksums.txt)"; exit 1; fi; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates curl; \
    rm -rf /var/lib/apt/lists/*; \
    curl -fsSLo /tmp/pulumi.tar.gz "https://get.pulumi.com/releases/sdk/pulumi-v${PULUMI_VERSION}-linux-${arch}.tar.gz"; \
    echo "${sha}  /tmp/pulumi.tar.gz" | sha256sum -c -; \
    mkdir -p /opt/pulumi; \
    tar -xzf /tmp/pulumi.tar.gz -C /opt/pulumi --strip-components=1; \
    rm /tmp/pulumi.tar.gz

# --- Build: compile the TypeScript (npm run build → dist/), then drop the dev dependencies. On the target platform
# (emulated for the other one): a dependency with native code would then match the runtime.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json index.ts ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- Runtime: compiled JavaScript only, as the unprivileged node user (uid 1000).
FROM node:24-bookworm-slim
COPY --from=pulumi /opt/pulumi /usr/local/bin/
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY stacks ./stacks
COPY Pulumi.yaml ./
# The CLI runs the compiled program (dist/index.js) with plain node: no TypeScript compiler in the image.
RUN sed -i -e 's/typescript: true/typescript: false/' -e 's#^main: index.ts$#main: dist/index.js#' Pulumi.yaml \
  && grep -qx 'main: dist/index.js' Pulumi.yaml
# Pulumi writes plugins and workspace files under PULUMI_HOME: writable even with a read-only root filesystem
# when a volume is mounted there (deploy/kubernetes mounts an emptyDir).
ENV NODE_ENV=production PULUMI_HOME=/home/node/.pulumi PULUMI_SKIP_UPDATE_CHECK=true
USER 1000:1000

EXPOSE 9464
# SIGTERM (docker stop, Kubernetes) lets a running update finish within --grace (default 5 m) before exit 0:
# give the container longer (docker stop -t 330, terminationGracePeriodSeconds: 360).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/scripts/reconcile.js", "--log-format", "json", "--listen", "0.0.0.0:9464"]
CMD ["--stack", "prod"]
