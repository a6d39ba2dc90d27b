#!/usr/bin/env bash
# survlens developer entry point; CI runs exactly `tools/dev.sh test`.
#
#   tools/dev.sh serve   install what is missing, then serve the app at http://127.0.0.1:8080
#   tools/dev.sh test    install what is missing, then run every test tier, fastest first
#   tools/dev.sh setup   only install what is missing
#
# Every install step is pinned and skipped when the pinned version is already present.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

TRUNK_VERSION=0.21.14
# Must equal the `wasm-bindgen` version pinned with `=` in Cargo.toml: Trunk then uses the
# binary on PATH instead of downloading one.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

need_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

setup() {
  step "toolchain (rust-toolchain.toml) and the wasm32 target"
  rustup show active-toolchain >/dev/null
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || rustup target add wasm32-unknown-unknown

  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    step "cargo install trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
    step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
    # Not --locked: the CLI's own lockfile wants a webpki-roots release the registry lacks.
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
  fi

  need_apt chromium chromium-driver

  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
     || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "npm ci (playwright-core, binaryen's wasm-opt; versions in package-lock.json)"
    npm ci --no-audit --no-fund
  fi
}

build_web() {
  step "trunk build --release --offline"
  trunk build --release --offline
  local wasm
  for wasm in dist/*_bg.wasm; do
    printf 'release wasm %s: %s bytes raw, %s bytes gzip\n' \
      "$(basename "$wasm")" "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
  done
  printf 'whole page: %s bytes gzip\n' "$(cat dist/* | gzip -9 -c | wc -c)"
}

run_tests() {
  step "cargo fmt --check"
  cargo fmt --all -- --check
  step "cargo clippy -D warnings"
  cargo clippy --workspace --all-targets --locked -- -D warnings
  step "fuzz targets build (running them is a developer task: see README, Fuzzing)"
  cargo check --manifest-path fuzz/Cargo.toml --locked
  step "native tests"
  cargo test --workspace --locked
  step "wasm32 build of the numeric crates and wasm-bindgen-test in headless Chromium"
  CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --locked --target wasm32-unknown-unknown -p survlens-web --test browser
  build_web
  step "end-to-end tests (Playwright driving Debian's Chromium against dist/)"
  # The tests compare the page with the command-line tool's native run of the same job.
  cargo build --release --locked -p survlens-cli
  node --test --test-concurrency=1 tests/e2e/
}

case "${1:-}" in
  setup) setup ;;
  serve)
    setup
    step "serving the app at http://127.0.0.1:8080"
    # Release build: training in an unoptimised module would take minutes. The served page
    # registers no service worker (tools/offline/service-worker.mjs), so rebuilds show at once.
    exec trunk serve --release --offline --address 127.0.0.1 --port 8080
    ;;
  test)
    setup
    run_tests
    ;;
  build)
    setup
    build_web
    ;;
  *)
    echo "usage: tools/dev.sh serve|test|setup|build" >&2
    exit 2
    ;;
esac
