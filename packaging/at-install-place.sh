#!/bin/sh
# at-install-place.sh IMAGE COMMAND [ARG…]: runs COMMAND with the app image IMAGE seen at /opt/kyso — where the DEB
# installs it — in a private mount namespace: nothing changes on the machine's /opt, whose other entries stay
# visible. Used to make (build.sh) and to measure (scripts/bench.sh) the class-data archive, which JDK 17 accepts only
# at the path it was made for. Needs unshare (util-linux): as root, or with unprivileged user namespaces.
set -eu
image="$(cd "$1" && pwd)"; shift
if [ "$image" = /opt/kyso ]; then exec "$@"; fi
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then ns="unshare -m"; else ns="unshare -rm"; fi
# shellcheck disable=SC2016
exec $ns sh -c '
  set -eu
  image="$1"; shift
  keep="$(mktemp -d)"
  mount --bind /opt "$keep"
  mount -t tmpfs kyso-install-place /opt
  for entry in "$keep"/* "$keep"/.[!.]*; do
    [ -e "$entry" ] || continue
    name="$(basename "$entry")"
    [ "$name" = kyso ] && continue
    if [ -d "$entry" ]; then mkdir "/opt/$name"; else touch "/opt/$name"; fi
    mount --bind "$entry" "/opt/$name"
  done
  umount "$keep"
  rmdir "$keep"
  mkdir /opt/kyso
  mount --bind "$image" /opt/kyso
  exec "$@"' at-install-place "$image" "$@"
