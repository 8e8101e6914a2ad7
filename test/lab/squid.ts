/**
 * Debian's squid as an authenticating corporate proxy, on a loopback port with its own config,
 * logs and pid file in a temporary folder, forwarding every CONNECT to a lab proxy (cache_peer),
 * which knows where the lab origins live and inspects TLS. Started in the foreground (-N) so the
 * test owns the process and stops it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closedPort, LOOPBACK, sleep, stopChild } from './servers.js';

const SQUID = '/usr/sbin/squid';
const HELPERS = '/usr/lib/squid';

/**
 * squid as the inspecting proxy itself (ssl_bump, as squid-openssl ships it): peek at the client's SNI,
 * stare at the server's certificate (mimicked into the forged one), bump. A site squid cannot reach still
 * gets a forged certificate, minted from the name alone, in front of squid's own error page.
 */
export interface SquidBump {
  /** The inspection CA: certificate and private key, PEM. */
  caCertPem: string;
  caKeyPem: string;
  /** Roots squid verifies the sites with (the lab's public roots). */
  upstreamCaFile: string;
  /** Names squid resolves, all to 127.0.0.1 (its hosts_file); every other name fails to resolve. */
  hosts: string[];
}

export interface SquidOptions {
  /** The lab proxy squid hands CONNECTs to; absent with `bump` (squid goes to the sites itself). */
  parentPort?: number;
  bump?: SquidBump;
  auth?:
    | { scheme: 'ntlm'; allowUser: string }
    | { scheme: 'negotiate'; keytab: string; principal: string; env: Record<string, string> }
    | { scheme: 'digest' };
}

export interface Squid {
  url: string;
  port: number;
  log(): Promise<string>;
  /** squid's access log: the authenticated user name is on each line. */
  accessLog(): Promise<string>;
  /**
   * The access log once a line matches `pattern`, or as it is after `ms`. squid writes a CONNECT's
   * line (the one naming the signed-in user) only when the tunnel closes, a moment after the client
   * has finished: read at once, a busy machine may not have that line yet.
   */
  accessLogMatching(pattern: RegExp, ms?: number): Promise<string>;
  close(): Promise<void>;
}

/** Why squid tests cannot run here, or null. */
export function squidMissing(helper: string): string | null {
  if (!existsSync(SQUID)) return 'squid is not installed (Debian package "squid-openssl"; .ci/run installs it)';
  if (!existsSync(path.join(HELPERS, helper))) return `${HELPERS}/${helper} is missing (it ships with Debian's squid)`;
  return null;
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, LOOPBACK, () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

function authLines(auth: SquidOptions['auth']): string[] {
  if (!auth) return [];
  if (auth.scheme === 'ntlm') {
    // ntlm_fake_auth completes a real NTLM handshake and accepts any password (it has no user
    // database); -S strips the domain, so an ACL on the user name stands in for "wrong credentials".
    return [
      `auth_param ntlm program ${HELPERS}/ntlm_fake_auth -S`,
      'auth_param ntlm children 2 startup=1',
      'auth_param ntlm keep_alive on',
      `acl rightUser proxy_auth ${auth.allowUser}`,
      'http_access deny !rightUser',
    ];
  }
  if (auth.scheme === 'negotiate') {
    return [
      `auth_param negotiate program ${HELPERS}/negotiate_kerberos_auth -k ${auth.keytab} -s ${auth.principal}`,
      'auth_param negotiate children 2 startup=1',
      'auth_param negotiate keep_alive on',
      'acl authed proxy_auth REQUIRED',
      'http_access deny !authed',
    ];
  }
  // A scheme CA Bridge does not speak: the client must say so, not loop.
  return [
    `auth_param digest program ${HELPERS}/digest_file_auth /dev/null`,
    'auth_param digest children 1 startup=1',
    'auth_param digest realm lab',
    'acl authed proxy_auth REQUIRED',
    'http_access deny !authed',
  ];
}

/** squid's cache.log line once it listens on `port`: a bare connect could be answered by another process holding the port. */
const accepting = (port: number) =>
  new RegExp(`Accepting (?:SSL bumped )?HTTP Socket connections at .* local=${LOOPBACK.replace(/\./g, '\\.')}:${port} `);

/** squid.conf lines and files for ssl_bump: the CA, a certificate database, the hosts file. */
async function bumpSetup(dir: string, bump: SquidBump): Promise<{ portFlags: string; lines: string[] }> {
  const caFile = path.join(dir, 'bump-ca.pem');
  const db = path.join(dir, 'ssl_db');
  await writeFile(caFile, bump.caCertPem + bump.caKeyPem);
  await writeFile(path.join(dir, 'hosts'), bump.hosts.map((h) => `${LOOPBACK} ${h}`).join('\n') + '\n');
  const init = spawnSync(path.join(HELPERS, 'security_file_certgen'), ['-c', '-s', db, '-M', '4MB'], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`security_file_certgen -c failed: ${init.stderr}`);
  // squid's helper runs as squid's own user: the database must be writable for it.
  spawnSync('chmod', ['-R', 'a+rwX', db]);
  return {
    portFlags: ` ssl-bump generate-host-certificates=on dynamic_cert_mem_cache_size=4MB tls-cert=${caFile}`,
    lines: [
      `sslcrtd_program ${HELPERS}/security_file_certgen -s ${db} -M 4MB`,
      'sslcrtd_children 2 startup=1',
      `hosts_file ${dir}/hosts`,
      'acl step1 at_step SslBump1',
      'acl step2 at_step SslBump2',
      'ssl_bump peek step1',
      'ssl_bump stare step2',
      'ssl_bump bump all',
      `tls_outgoing_options cafile=${bump.upstreamCaFile}`,
    ],
  };
}

export async function startSquid(options: SquidOptions): Promise<Squid> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-squid-'));
  // As root squid drops to its own user: the files it writes inside our folder must be writable for it, before it starts.
  await chmod(dir, 0o777);
  const bump = options.bump ? await bumpSetup(dir, options.bump) : null;
  const parent =
    options.parentPort === undefined
      ? []
      : [`cache_peer ${LOOPBACK} parent ${options.parentPort} 0 no-query no-digest default name=lab`, 'never_direct allow all'];
  const cacheLog = () => readFile(path.join(dir, 'cache.log'), 'utf8').catch(() => '');
  const env = { ...process.env, ...(options.auth?.scheme === 'negotiate' ? options.auth.env : {}) };
  // The port is free when picked, but squid binds it a moment later, and a test file running beside this one may take it
  // in between: squid then exits ("Address already in use"), and is started again on another port.
  for (let attempt = 1; ; attempt++) {
    const port = await closedPort();
    const config = [
      `http_port ${LOOPBACK}:${port}${bump?.portFlags ?? ''}`,
      `pid_filename ${dir}/squid.pid`,
      `cache_log ${dir}/cache.log`,
      `access_log stdio:${dir}/access.log`,
      'cache_store_log none',
      'cache deny all',
      `coredump_dir ${dir}`,
      'shutdown_lifetime 0 seconds',
      'dns_nameservers 127.0.0.1',
      ...(bump?.lines ?? []),
      ...authLines(options.auth),
      'http_access allow all',
      ...parent,
    ].join('\n');
    await writeFile(path.join(dir, 'squid.conf'), config + '\n');
    await Promise.all(['cache.log', 'squid.pid'].map((name) => rm(path.join(dir, name), { force: true })));
    const child: ChildProcess = spawn(SQUID, ['-N', '-f', path.join(dir, 'squid.conf')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const stop = async () => {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    };
    let listening = false;
    for (let waited = 0; !listening; waited += 100) {
      listening = accepting(port).test(await cacheLog()) && (await canConnect(port));
      if (listening) break;
      if (child.exitCode !== null || child.signalCode !== null || waited > 30_000) {
        const log = await cacheLog();
        await stopChild(child);
        if (attempt < 3 && /Address already in use/.test(log)) break;
        await rm(dir, { recursive: true, force: true });
        throw new Error(`squid did not start: ${stderr.slice(-1000)} ${log.slice(-2000)}`);
      }
      await sleep(100);
    }
    if (!listening) continue;
    const accessLog = () => readFile(path.join(dir, 'access.log'), 'utf8').catch(() => '');
    const accessLogMatching = async (pattern: RegExp, ms = 30_000) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const text = await accessLog();
        if (pattern.test(text) || Date.now() > deadline) return text;
        await sleep(100);
      }
    };
    return {
      url: `http://${LOOPBACK}:${port}`,
      port,
      log: async () => (await readFile(path.join(dir, 'cache.log'), 'utf8').catch(() => '')) + stderr,
      accessLog,
      accessLogMatching,
      close: stop,
    };
  }
}
