#!/usr/bin/env bash
# Builds stand-ins for the public images of docker/compose.yaml from Debian packages, for machines that
# cannot reach an image registry but can reach a Debian mirror (CI, air-gapped hosts):
#
#   <prefix>/debian:bookworm   debootstrap --variant=minbase, then docker import (with the host's
#                              /usr/local/share/ca-certificates, so that containers trust what it trusts)
#   <prefix>/jre:17            + openjdk-17-jre-headless   (LANGSCORE_BASE_IMAGE, runs the application)
#   <prefix>/jdk:17            + openjdk-17-jdk-headless   (LANGSCORE_BUILD_IMAGE, builds it with ./mvnw)
#   <prefix>/postgres:15       + postgresql, with the official image's POSTGRES_* variables and data folder
#   <prefix>/rabbitmq:3        + rabbitmq-server, with the official image's RABBITMQ_DEFAULT_* variables
#
# An image is built again only when its files here, its arguments or its parent changed (--rebuild
# builds all again). Progress goes to stderr; stdout
# carries only the variables to export, so that this works:
#
#   eval "$(docker/local-images.sh)"
#
# Environment: DEBIAN_MIRROR (default: the first Debian mirror in /etc/apt/sources.list*, else
# http://deb.debian.org/debian), LANGSCORE_LOCAL_PREFIX (default langscore-local).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="${LANGSCORE_LOCAL_PREFIX:-langscore-local}"
suite=bookworm
rebuild=false

usage() {
  echo "usage: $0 [--rebuild]" >&2
  exit 2
}
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    *) usage ;;
  esac
done

log() { echo "local-images: $*" >&2; }
fail() { echo "local-images: error: $*" >&2; exit 1; }

# The mirror this machine's apt uses (one-line or deb822 format), so that containers reach the same one.
debian_mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then
    echo "$DEBIAN_MIRROR"
    return
  fi
  local url
  url="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | sed -nE -e 's/^deb +(\[[^]]*\] +)?([a-z]+:\/\/[^ ]+) +bookworm( |$).*/\2/p' -e 's/^URIs: *([a-z]+:\/\/[^ ]*debian\/?)$/\1/p' \
    | grep -v -e security -e ports | head -n 1)"
  echo "${url:-http://deb.debian.org/debian}"
}

exists() { docker image inspect "$1" >/dev/null 2>&1; }

command -v docker >/dev/null 2>&1 || fail "docker is not installed (Debian: apt-get install docker.io)"
docker info >/dev/null 2>&1 || fail "the Docker daemon does not answer (start dockerd)"
mirror="$(debian_mirror)"

base="$prefix/debian:$suite"
if $rebuild || ! exists "$base"; then
  command -v debootstrap >/dev/null 2>&1 || fail "debootstrap is not installed (Debian: apt-get install debootstrap)"
  [[ $(id -u) -eq 0 ]] || fail "debootstrap needs root to build $base"
  root="$(mktemp -d /tmp/langscore-rootfs.XXXXXX)"
  trap 'rm -rf "$root"' EXIT
  log "debootstrap --variant=minbase $suite from $mirror"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >&2 || fail "debootstrap of $suite from $mirror failed"
  # As in Debian's official image: services never start during a docker build, and apt keeps no cache.
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' > "$root/etc/apt/apt.conf.d/90langscore"
  echo "deb $mirror $suite main" > "$root/etc/apt/sources.list"
  # The host's own CA certificates (e.g. of a TLS-inspecting proxy it trusts), so that containers, and
  # Java in them (ca-certificates-java), trust what the host trusts; ./mvnw needs it for Maven Central.
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  fi
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  log "docker import -> $base"
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["bash"]' - "$base" >/dev/null
  rm -rf "$root"
  trap - EXIT
fi

# build <image> <folder> [build args...]: docker build of one stand-in, unless an image built from the
# same files, arguments and parent image exists (its label org.langscore.source holds that digest).
build() {
  local image="$1" folder="$2"
  shift 2
  local source
  source="$( (cd "$here/local/$folder" && find . -type f | LC_ALL=C sort | xargs sha256sum; echo "$*";
    for arg in "$@"; do
      if [[ "$arg" == FROM_IMAGE=* ]]; then docker image inspect -f '{{.Id}}' "${arg#FROM_IMAGE=}"; fi
    done) \
    | sha256sum | cut -c1-16)"
  if $rebuild || [[ "$(docker image inspect -f '{{index .Config.Labels "org.langscore.source"}}' "$image" 2>/dev/null)" != "$source" ]]; then
    log "docker build -> $image"
    docker build -q -t "$image" --label "org.langscore.source=$source" "$@" "$here/local/$folder" >&2 \
      || fail "building $image failed"
  fi
}

build "$prefix/jre:17" java --build-arg "FROM_IMAGE=$base" --build-arg PACKAGE=openjdk-17-jre-headless
build "$prefix/jdk:17" java --build-arg "FROM_IMAGE=$prefix/jre:17" --build-arg PACKAGE=openjdk-17-jdk-headless
build "$prefix/postgres:15" postgres --build-arg "FROM_IMAGE=$base"
build "$prefix/rabbitmq:3" rabbitmq --build-arg "FROM_IMAGE=$base"

echo "export LANGSCORE_BASE_IMAGE=$prefix/jre:17"
echo "export LANGSCORE_BUILD_IMAGE=$prefix/jdk:17"
echo "export LANGSCORE_POSTGRES_IMAGE=$prefix/postgres:15"
echo "export LANGSCORE_RABBITMQ_IMAGE=$prefix/rabbitmq:3"
