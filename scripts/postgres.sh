#!/usr/bin/env bash
# Makes sure the PostgreSQL the store's tests use is up: 127.0.0.1:5432,
# database "test", user "postgres" without a password. On the project's
# machines and CI it is installed and only needs starting when down; on a
# fresh Debian machine this installs it, creates the database and lets
# local TCP connections in without a password (tests only: do not run this
# on a server whose PostgreSQL holds anything). Run as root; safe to rerun.
set -euo pipefail
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
ready && exit 0
if ! command -v pg_ctlcluster >/dev/null; then
  echo "postgres: installing postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  fresh=1
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
for _ in $(seq 30); do ready && break; sleep 1; done
ready || { echo "postgres: PostgreSQL $version did not start" >&2; exit 1; }
if [ "${fresh:-0}" = 1 ]; then
  hba=/etc/postgresql/$version/main/pg_hba.conf
  grep -q '^host all postgres 127.0.0.1/32 trust' "$hba" ||
    sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload
fi
su postgres -c "psql -Atqc \"SELECT 1 FROM pg_database WHERE datname = 'test'\"" | grep -q 1 ||
  su postgres -c "createdb test"
