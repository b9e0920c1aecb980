# syntax=docker/dockerfile:1
# One image for every role: `artstationd serve --role ROLE` chooses what a container runs
# (docker-compose.yml and deploy/k8s run one role per container); with no arguments it runs
# every role in one process, which suits a trial.
#
# Build: docker build -t artstation .
# The dependency graph is compiled in a layer of its own (cargo-chef), so a change to the
# project's code rebuilds only the workspace crates, not the ~450 crates of Cargo.lock.
#
# Image tags, checked against upstream: docker-library/official-images `library/rust` publishes
# `<minor>-slim-bookworm` for every release (the slim variant carries gcc and libc6-dev, which ring
# and the bundled SQLite need); GoogleContainerTools/distroless `cc/README.md` documents
# gcr.io/distroless/cc-debian12 with the `nonroot` tag (uid 65532). Both are Debian 12, so the glibc
# the binary was linked against is the one it runs on. 1.95 is the toolchain CI builds with.
ARG RUST_VERSION=1.95

FROM rust:${RUST_VERSION}-slim-bookworm AS chef
# Pinned, so a new cargo-chef cannot change how the cached layers are computed.
RUN cargo install cargo-chef --locked --version 0.1.78
WORKDIR /src

# The recipe is only the manifests and lock file: it changes when dependencies do, not when code does.
FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS build
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --release --locked --recipe-path recipe.json \
        -p artstation-daemon -p artstation-cli
COPY . .
RUN cargo build --release --locked --bin artstationd --bin artstation \
    # The data dir must exist and belong to the runtime user: the runtime image has no mkdir.
    && mkdir -p /out/var/lib/artstation/staging

# distroless/cc: glibc, libgcc and CA certificates and nothing else: no shell, no package manager.
# The binaries link only libc, libm and libgcc_s (SQLite is bundled, TLS is rustls).
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/artstationd /src/target/release/artstation /usr/local/bin/
COPY --from=build --chown=65532:65532 /out/var/lib/artstation /var/lib/artstation
# The distroless `nonroot` user, by number so Kubernetes' runAsNonRoot can verify it.
USER 65532:65532
# Inside a container a role must be reachable from other containers, so every listener binds all
# interfaces; each one still only starts when its role is chosen.
ENV ARTSTATION_DATA_DIR=/var/lib/artstation \
    ARTSTATION_HTTP_ADDR=0.0.0.0:8080 \
    ARTSTATION_AUTH_ADDR=0.0.0.0:50051 \
    ARTSTATION_ARTWORK_ADDR=0.0.0.0:50052 \
    ARTSTATION_COMMERCE_ADDR=0.0.0.0:50053
EXPOSE 8080 50051 50052 50053
# Checks the gateway, which the default command runs; a container that runs one service role
# overrides this with `artstationd healthcheck --role ROLE` (see docker-compose.yml). Kubernetes
# ignores HEALTHCHECK and uses the probes in deploy/k8s.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
    CMD ["artstationd", "healthcheck"]
ENTRYPOINT ["artstationd"]
CMD ["serve"]
