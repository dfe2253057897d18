# The long-running reconcile runner: preview → guards → up every 30 minutes, one JSON log line per event.
#   docker build -t personio-azuread .
#   docker run --env-file runner.env personio-azuread --stack prod
# runner.env holds PULUMI_ACCESS_TOKEN (or PULUMI_BACKEND_URL + PULUMI_CONFIG_PASSPHRASE), ARM_TENANT_ID,
# ARM_CLIENT_ID, ARM_CLIENT_SECRET, PERSONIO_CLIENT_ID, PERSONIO_CLIENT_SECRET.
FROM node:20-bookworm-slim

ARG PULUMI_VERSION=3.248.0
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && curl -fsSL https://get.pulumi.com | sh -s -- --version "${PULUMI_VERSION}" \
 && mv /root/.pulumi/bin/* /usr/local/bin/

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN chown -R node:node /app
USER node

# SIGTERM (docker stop, Kubernetes) lets a running update finish within --grace (default 5 m) before exit 0:
# give the container at least that long (docker stop -t 330, terminationGracePeriodSeconds: 330).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node_modules/.bin/tsx", "scripts/reconcile.ts", "--log-format", "json"]
CMD ["--stack", "prod"]
