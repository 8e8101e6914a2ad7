/**
 * A private Kerberos realm on loopback: Debian's MIT krb5kdc in the foreground with its own
 * database, config files and port in a temporary folder (KRB5_CONFIG, KRB5_KDC_PROFILE), a service
 * keytab for the proxy's HTTP principal, and a user ticket from kinit in a private KRB5CCNAME.
 * Nothing outside the folder is read or written.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { closedPort, LOOPBACK, sleep, stopChild } from './servers.js';

const run = promisify(execFile);
export const REALM = 'LAB.TEST';
const BINARIES = ['/usr/sbin/krb5kdc', '/usr/sbin/kdb5_util', '/usr/sbin/kadmin.local', '/usr/bin/kinit'];

export interface Kdc {
  /** Variables that point Kerberos at this realm only (config, KDC profile, no replay cache). */
  env: Record<string, string>;
  /** The proxy's service keytab and principal (HTTP/host@REALM). */
  keytab: string;
  servicePrincipal: string;
  /** A credentials cache holding a ticket for `user`, from kinit. */
  ticketCache: string;
  /** A credentials cache that does not exist (a user who never logged in). */
  emptyCache: string;
  user: string;
  close(): Promise<void>;
}

export function kdcMissing(): string | null {
  const missing = BINARIES.filter((b) => !existsSync(b));
  return missing.length
    ? `${missing.join(', ')} not installed (Debian packages krb5-kdc, krb5-admin-server, krb5-user; .ci/run installs them)`
    : null;
}

export async function startKdc(proxyHost: string): Promise<Kdc> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-kdc-'));
  const krb5Conf = path.join(dir, 'krb5.conf');
  const kdcConf = path.join(dir, 'kdc.conf');
  /** Both files name the KDC's port; it listens on loopback only (kdc_listen), never on every address. */
  const writeConfigs = async (port: number) => {
    await writeFile(
      krb5Conf,
      `[libdefaults]
  default_realm = ${REALM}
  dns_lookup_realm = false
  dns_lookup_kdc = false
  dns_canonicalize_hostname = false
  rdns = false
  udp_preference_limit = 1
[realms]
  ${REALM} = {
    kdc = ${LOOPBACK}:${port}
  }
[domain_realm]
  ${proxyHost} = ${REALM}
`,
    );
    await writeFile(
      kdcConf,
      `[kdcdefaults]
  kdc_listen = ${LOOPBACK}:${port}
  kdc_tcp_listen = ${LOOPBACK}:${port}
[realms]
  ${REALM} = {
    database_name = ${dir}/principal
    key_stash_file = ${dir}/stash
    acl_file = ${dir}/kadm5.acl
    kdc_listen = ${LOOPBACK}:${port}
    kdc_tcp_listen = ${LOOPBACK}:${port}
  }
[logging]
  kdc = FILE:${dir}/kdc.log
`,
    );
  };
  await writeConfigs(await closedPort());
  await writeFile(path.join(dir, 'kadm5.acl'), '');
  const env = { KRB5_CONFIG: krb5Conf, KRB5_KDC_PROFILE: kdcConf, KRB5RCACHETYPE: 'none' };
  const opts = { env: { ...process.env, ...env }, timeout: 30_000 };
  const user = 'alice';
  const servicePrincipal = `HTTP/${proxyHost}@${REALM}`;
  const keytab = path.join(dir, 'http.keytab');
  const userKeytab = path.join(dir, 'alice.keytab');
  const ticketCache = `FILE:${path.join(dir, 'alice.ccache')}`;
  let kdc: ChildProcess | null = null;
  const close = async () => {
    if (kdc) await stopChild(kdc);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await run('/usr/sbin/kdb5_util', ['create', '-s', '-r', REALM, '-P', 'lab-master-password'], opts);
    const admin = (query: string) => run('/usr/sbin/kadmin.local', ['-r', REALM, '-q', query], opts);
    await admin(`addprinc -randkey ${user}@${REALM}`);
    await admin(`addprinc -randkey ${servicePrincipal}`);
    await admin(`ktadd -k ${keytab} ${servicePrincipal}`);
    await admin(`ktadd -k ${userKeytab} ${user}@${REALM}`);
    // squid runs its helper as its own user: it must be able to read the service keytab.
    await chmod(dir, 0o755);
    await chmod(keytab, 0o644);
    // The port is picked right before krb5kdc binds it (TCP and UDP); a test file running beside this one may still take
    // it first: krb5kdc then exits ("Address already in use"), and is started again on another port.
    for (let attempt = 1; ; attempt++) {
      await writeConfigs(await closedPort());
      await rm(path.join(dir, 'kdc.log'), { force: true });
      const child = spawn('/usr/sbin/krb5kdc', ['-n', '-r', REALM], { env: opts.env, stdio: ['ignore', 'ignore', 'pipe'] });
      kdc = child;
      let stderr = '';
      child.stderr?.on('data', (d) => (stderr += d));
      // kinit from the user's keytab: a real AS exchange with the KDC, retried until the KDC listens.
      let portTaken = false;
      for (let waited = 0; ; waited += 200) {
        try {
          await run('/usr/bin/kinit', ['-k', '-t', userKeytab, '-c', ticketCache, `${user}@${REALM}`], opts);
          break;
        } catch (error) {
          if (child.exitCode !== null || child.signalCode !== null || waited > 20_000) {
            const log = await readFile(path.join(dir, 'kdc.log'), 'utf8').catch(() => '');
            if (attempt < 3 && child.exitCode !== null && /Address already in use/.test(stderr + log)) {
              portTaken = true;
              break;
            }
            throw new Error(`kinit failed: ${(error as Error).message} ${stderr} ${log.slice(-1000)}`);
          }
          await sleep(200);
        }
      }
      if (!portTaken) break;
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    env,
    keytab,
    servicePrincipal,
    ticketCache,
    emptyCache: `FILE:${path.join(dir, 'nobody.ccache')}`,
    user,
    close,
  };
}
