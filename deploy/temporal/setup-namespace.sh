#!/bin/sh
# Creates Tideway's Temporal namespace and registers its custom search attributes in it.
# Usage: setup-namespace.sh NAME=TYPE...   e.g. Stage=Keyword HealthScore=Int
# (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_RETENTION from the environment)
# Idempotent: a namespace or attribute that already exists is left alone, so it runs on every `compose up`.
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_RETENTION:-720h}"
[ "$#" -gt 0 ] || { echo "usage: $0 NAME=TYPE..." >&2; exit 2; }
for arg in "$@"; do
  case "$arg" in
    *=*) ;;
    *) echo "$arg: expected NAME=TYPE, e.g. Stage=Keyword" >&2; exit 2 ;;
  esac
done

if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "namespace $NAMESPACE: already exists"
else
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" \
    --retention "$RETENTION" --description "Tideway's journeys"
  echo "namespace $NAMESPACE: created (retention $RETENTION)"
fi

tries=0
until temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 90 ] || { echo "namespace $NAMESPACE never appeared" >&2; exit 1; }
  echo "waiting for namespace $NAMESPACE on $TEMPORAL_ADDRESS"
  sleep 2
done

registered() {
  temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" \
    | grep -Eq "^[[:space:]]*$1[[:space:]]"
}

for arg in "$@"; do
  name="${arg%%=*}"
  type="${arg#*=}"
  if registered "$name"; then
    echo "search attribute $name: already registered"
  else
    temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" \
      --name "$name" --type "$type"
    echo "search attribute $name: registered as $type"
  fi
done

# Wait until every attribute is visible, so the worker and the API never start a run
# with an attribute the server does not know yet.
for arg in "$@"; do
  name="${arg%%=*}"
  tries=0
  until registered "$name"; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { echo "search attribute $name is still not visible" >&2; exit 1; }
    sleep 1
  done
done
# Frontends refresh their namespace cache about every 10 s.
sleep 12
echo "namespace $NAMESPACE ready with search attributes: $*"
