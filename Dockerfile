# idcheck: multi-stage build. The binary needs Tesseract's library at run
# time; its model for machine-readable zones is compiled in.
FROM golang:1.26-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libtesseract-dev libleptonica-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags="-s -w" -o /out/idcheck ./cmd/idcheck

FROM debian:bookworm-slim
# tesseract-ocr brings libtesseract5, Leptonica and the English model (for
# -model eng and eval-ocr -baseline).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin idcheck
COPY --from=build /out/idcheck /usr/local/bin/idcheck
# One OpenMP thread per Tesseract client (see ocr.SingleThreaded).
ENV OMP_THREAD_LIMIT=1
USER idcheck
ENTRYPOINT ["/usr/local/bin/idcheck"]
