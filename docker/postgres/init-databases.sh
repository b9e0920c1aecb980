#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d).
# Each service owns one database and logs in as its own role, so no service can read another's
# tables even by mistake. Passwords come from the environment (.env), never from this file.
set -eu

create() { # ROLE PASSWORD: a login role and a database of the same name that it owns
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$1" -v password="$2" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
}

create artstation_auth "$AUTH_DB_PASSWORD"
create artstation_artwork "$ARTWORK_DB_PASSWORD"
create artstation_commerce "$COMMERCE_DB_PASSWORD"
