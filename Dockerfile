# One image for every role: `artstationd serve --role ROLE` chooses what a container runs.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin artstationd --bin artstation

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/artstation --create-home artstation \
    && install -d -o artstation -g artstation /var/lib/artstation/originals
COPY --from=build /src/target/release/artstationd /src/target/release/artstation /usr/local/bin/
USER artstation
ENV ARTSTATION_DATA_DIR=/var/lib/artstation
EXPOSE 8080 50051 50052
ENTRYPOINT ["artstationd"]
CMD ["serve"]
