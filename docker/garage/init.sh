#!/bin/sh
# First start of Garage, run by the one-shot garage-init service: a layout for the single node,
# the access key the artwork role uses (imported, so its id and secret come from .env) and the
# bucket, with the key allowed on it. Every step checks first, so running it again is harmless.
#
# It speaks Garage's admin API v2 (doc/api/garage-admin-v2.json at Garage v2.0.0:
# GetClusterStatus, UpdateClusterLayout, ApplyClusterLayout, GetKeyInfo, ImportKey,
# GetBucketInfo, CreateBucket, AllowBucketKey) because the Garage image has no shell to script its
# CLI with. Plain sed and grep read the answers: this image has no jq.
set -eu

api="${GARAGE_ADMIN_URL:-http://garage:3903}/v2"
: "${GARAGE_ADMIN_TOKEN:?}" "${S3_ACCESS_KEY_ID:?}" "${S3_SECRET_ACCESS_KEY:?}" "${S3_BUCKET:?}"
capacity="${GARAGE_CAPACITY_BYTES:-10000000000}"

call() { # METHOD ENDPOINT [curl args]
  method=$1 endpoint=$2
  shift 2
  curl -fsS -X "$method" -H "Authorization: Bearer $GARAGE_ADMIN_TOKEN" \
    -H 'Content-Type: application/json' "$@" "$api/$endpoint"
}

# Garage answers RPC (its healthcheck) a little before the admin API and the table quorum are up.
retry() {
  n=0
  until "$@"; do
    n=$((n + 1))
    [ "$n" -lt 30 ] || { echo "garage-init: gave up on: $*" >&2; return 1; }
    sleep 1
  done
}

# The first 64-hex "id" of a JSON answer (compact or pretty-printed).
first_id() { grep -o '"id": *"[0-9a-f]\{64\}"' | head -n 1 | sed 's/.*"\([0-9a-f]\{64\}\)"/\1/'; }

layout() {
  status=$(call GET GetClusterStatus) || return 1
  version=$(printf '%s\n' "$status" | sed -n 's/.*"layoutVersion": *\([0-9][0-9]*\).*/\1/p' | head -n 1)
  [ "$version" = 0 ] || return 0
  node=$(printf '%s\n' "$status" | first_id)
  [ -n "$node" ] || return 1
  call POST UpdateClusterLayout \
    -d "{\"roles\":[{\"id\":\"$node\",\"zone\":\"dc1\",\"capacity\":$capacity,\"tags\":[]}]}" >/dev/null &&
    call POST ApplyClusterLayout -d '{"version":1}' >/dev/null &&
    echo "garage-init: layout applied for node $node"
}

key() {
  call GET "GetKeyInfo?id=$S3_ACCESS_KEY_ID" >/dev/null 2>&1 && return 0
  call POST ImportKey -d "{\"accessKeyId\":\"$S3_ACCESS_KEY_ID\",\"secretAccessKey\":\"$S3_SECRET_ACCESS_KEY\",\"name\":\"artstation\"}" >/dev/null &&
    echo "garage-init: key $S3_ACCESS_KEY_ID imported"
}

bucket() {
  info=$(call GET "GetBucketInfo?globalAlias=$S3_BUCKET" 2>/dev/null) ||
    info=$(call POST CreateBucket -d "{\"globalAlias\":\"$S3_BUCKET\"}") || return 1
  bucket_id=$(printf '%s\n' "$info" | first_id)
  [ -n "$bucket_id" ] || return 1
  call POST AllowBucketKey -d "{\"bucketId\":\"$bucket_id\",\"accessKeyId\":\"$S3_ACCESS_KEY_ID\",\"permissions\":{\"read\":true,\"write\":true,\"owner\":true}}" >/dev/null &&
    echo "garage-init: bucket $S3_BUCKET ready for key $S3_ACCESS_KEY_ID"
}

retry layout
retry key
retry bucket
