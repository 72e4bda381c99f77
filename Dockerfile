# WebDiT server image: Maven builds the jar (GWT client, kernels and shipped weights inside), a
# slim JRE runs it as a non-root user. Not built by the project's tests (no base image can be
# pulled on its machines): see README, "Run it in a container".
#
#   docker build -t webdit .
#   docker run --rm -p 7070:7070 webdit          # or -e PORT=8080 -p 8080:8080

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY shared shared
COPY client client
COPY server server
COPY wgsl wgsl
COPY weights weights
# The reactor lists this module; only its pom is needed to build the server.
COPY integration-tests/pom.xml integration-tests/pom.xml
RUN mvn -B -ntp -pl server -am -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin webdit
COPY --from=build /src/server/target/webdit-server.jar /opt/webdit/webdit-server.jar
USER webdit
# Every interface inside the container (the host decides what is published); access log to stdout.
ENV HOST=0.0.0.0 PORT=7070 WEBDIT_ACCESS_LOG=-
EXPOSE 7070
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/api/health" >/dev/null || exit 1
# Heap bounded by the container's memory limit, leaving room for brotli buffers and metaspace;
# an out-of-memory error ends the process so the orchestrator restarts it.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/webdit/webdit-server.jar"]
