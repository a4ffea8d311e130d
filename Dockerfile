# Multi-stage build on Debian 12: build with the -dev packages, run with the runtime ones.
FROM debian:12 AS build
COPY scripts/install-deps.sh /src/scripts/install-deps.sh
RUN bash /src/scripts/install-deps.sh
COPY . /src
WORKDIR /src
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSITEWATCH_TESTS=OFF \
 && ninja -C /build sitewatch

FROM debian:12-slim
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends ca-certificates libcurl4 libssl3 libre2-9 \
    libcpp-httplib0.11 libprometheus-cpp-core1.0 libsqlite3-0 libyaml-cpp0.7 libgumbo1 libpsl5 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/sitewatch --create-home sitewatch
COPY --from=build /build/monitor/sitewatch /usr/local/bin/sitewatch
USER sitewatch
WORKDIR /var/lib/sitewatch
VOLUME ["/var/lib/sitewatch"]
EXPOSE 9090
ENTRYPOINT ["/usr/local/bin/sitewatch"]
CMD ["run", "--config", "/etc/sitewatch/sitewatch.yml"]
