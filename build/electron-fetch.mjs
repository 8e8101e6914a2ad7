// Downloads Electron's archive into @electron/get's cache with exactly the call Electron's own
// installer (node_modules/electron/install.js) makes, and reports the outcome as one JSON line on
// stdout. The installer prints only `err.stack`, which for Node's fetch is "TypeError: fetch failed"
// with the real reason (a certificate error, a refused connection) hidden in `err.cause`: this walks
// that chain, so `npm start` can name the failure. Run as a child process so that a retry can start
// with NODE_EXTRA_CA_CERTS, which Node reads only at start-up.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const electronRequire = createRequire(path.join(electronDir, 'install.js'));

/** The error and its causes, each with name, code and message, bounded (a cause chain can be cyclic or long). */
export function causeChain(error) {
  const chain = [];
  const seen = new Set();
  for (let e = error; e && typeof e === 'object' && !seen.has(e) && chain.length < 8; e = e.cause) {
    seen.add(e);
    const code = typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : null;
    chain.push({ name: String(e.name ?? 'Error').slice(0, 80), code, message: String(e.message ?? e).slice(0, 500) });
    // AggregateError (happy eyeballs: one error per address) keeps its reasons in `errors`.
    if (!e.cause && Array.isArray(e.errors) && e.errors[0]) e = { cause: e.errors[0] };
  }
  return chain;
}

async function main() {
  const { version } = electronRequire('./package.json');
  // @electron/get reads ELECTRON_GET_USE_PROXY on import, as in the installer.
  const { downloadArtifact } = await import(pathToFileURL(electronRequire.resolve('@electron/get')).href);
  const platform = process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform;
  const arch = process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch;
  const useRemote = process.env.electron_use_remote_checksums || process.env.npm_config_electron_use_remote_checksums;
  try {
    const zip = await downloadArtifact({
      version,
      artifactName: 'electron',
      force: process.env.force_no_cache === 'true',
      cacheRoot: process.env.electron_config_cache,
      checksums: useRemote ? undefined : electronRequire('./checksums.json'),
      platform,
      arch,
    });
    process.stdout.write(JSON.stringify({ ok: true, zip }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, chain: causeChain(error) }) + '\n');
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
