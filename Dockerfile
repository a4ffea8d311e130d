# sitewatch in a container. Multi-stage on Debian 12: build with the -dev packages, run on
# debian:12-slim with only the runtime libraries (examples/docker/runtime-packages.txt, which
# examples/docker/check-runtime-libraries.sh checks against the binary's shared libraries).
#
#   docker build -t sitewatch .
#   docker run -d -p 9090:9090 -v sitewatch-data:/var/lib/sitewatch \
#     -v $PWD/sitewatch.yml:/etc/sitewatch/sitewatch.yml:ro sitewatch
FROM debian:12 AS build
COPY scripts/install-deps.sh /src/scripts/install-deps.sh
RUN bash /src/scripts/install-deps.sh
COPY . /src
WORKDIR /src
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSITEWATCH_TESTS=OFF \
 && ninja -C /build sitewatch \
 && bash examples/docker/check-runtime-libraries.sh /build/monitor/sitewatch \
 && /build/monitor/sitewatch validate --config examples/docker/sitewatch.yml

FROM debian:12-slim
COPY examples/docker/runtime-packages.txt /tmp/runtime-packages.txt
RUN apt-get update -qq \
 && grep -v '^#' /tmp/runtime-packages.txt | xargs apt-get install -y -qq --no-install-recommends \
 && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages.txt \
 && useradd --system --home-dir /var/lib/sitewatch --create-home --shell /usr/sbin/nologin sitewatch
COPY --from=build /build/monitor/sitewatch /usr/local/bin/sitewatch
# The default config: listens on 0.0.0.0:9090 and stores under the volume. Mount your own
# over it (read-only is fine: sitewatch never writes its config).
COPY examples/docker/sitewatch.yml /etc/sitewatch/sitewatch.yml
USER sitewatch
WORKDIR /var/lib/sitewatch
VOLUME ["/var/lib/sitewatch"]
EXPOSE 9090
# /healthz answers 200 while the daemon runs (the config's listen port; 9090 by default).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:9090/healthz || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/sitewatch"]
CMD ["run", "--config", "/etc/sitewatch/sitewatch.yml"]
