/**
 * The Maven row, proven with the real Maven of this machine: a dependency fetched from a lab repository
 * (served as repo.maven.apache.org, Maven's default) through each inspecting lab proxy. Without the setting
 * Maven fails with PKIX (explained to the Maven row); with exactly what the row prints (the Java trust-store
 * copy and JAVA_TOOL_OPTIONS) the artifact arrives. Maven's own plugin comes from a local repository seeded
 * from Maven Central by .ci/install.d/50-advice.sh (copied per run: Maven writes into it).
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findJdks } from '../../electron/core/guidance/jdks.js';
import { explainErrors } from '../../shared/explain.js';
import type { ExportPaths, Jdk } from '../../shared/guidance/render.js';
import { startLab, type Lab } from '../lab/lab.js';
import { startOrigin, type Origin } from '../lab/origin.js';
import { issue } from '../lab/pki.js';
import { TOOLS } from './real-tools/cases.js';
import { applyGenerated } from './real-tools/harness.js';

const SEEDED = path.join(TOOLS, 'm2');
const REPO_HOST = 'repo.maven.apache.org';
const has = (cmd: string) => {
  try {
    execFileSync(cmd, ['-v'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
};
const missing = !has('mvn')
  ? 'mvn is not installed here'
  : !existsSync(path.join(SEEDED, 'org', 'apache', 'maven', 'plugins', 'maven-dependency-plugin'))
    ? `${SEEDED} is not seeded (bash .ci/install.d/50-advice.sh seeds it)`
    : false;

let lab: Lab;
let repo: Origin;
let root: string;
let jdks: Jdk[];
const rows: string[] = [];

/** A lab artifact with the SHA-1 files Maven checks. */
function labRepository(): Map<string, Buffer> {
  const base = '/maven2/com/example/lab/lab-lib/1.0/lab-lib-1.0';
  const pom = Buffer.from(
    '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>com.example.lab</groupId><artifactId>lab-lib</artifactId><version>1.0</version></project>\n',
  );
  const jar = Buffer.from('PK\x05\x06' + '\0'.repeat(18), 'latin1'); // an empty zip
  const sha1 = (b: Buffer) => Buffer.from(createHash('sha1').update(b).digest('hex'));
  return new Map([
    [`${base}.pom`, pom],
    [`${base}.pom.sha1`, sha1(pom)],
    [`${base}.jar`, jar],
    [`${base}.jar.sha1`, sha1(jar)],
  ]);
}

before(async () => {
  if (missing) return;
  lab = await startLab();
  const family = lab.families.digicert!;
  const leaf = await issue({ subject: `CN=${REPO_HOST}`, hosts: [REPO_HOST], issuer: family.intermediate });
  repo = await startOrigin({
    host: REPO_HOST,
    certChainPem: leaf.pem + family.intermediate.pem,
    keyPem: leaf.keyPem,
    files: labRepository(),
  });
  lab.upstream.set(`${REPO_HOST}:443`, { host: '127.0.0.1', port: repo.port });
  root = mkdtempSync(path.join(tmpdir(), 'ca-bridge-maven-'));
  jdks = await findJdks(process.env);
});
after(async () => {
  await repo?.close();
  await lab?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  if (rows.length) console.log(['| row | proxy | without | with | CA alone |', '|---|---|---|---|---|', ...rows].join('\n'));
});

async function mvn(label: string, proxyPort: number, paths: ExportPaths | null): Promise<{ output: string; fetched: boolean }> {
  const home = mkdtempSync(path.join(root, `${label}-`));
  const m2 = path.join(home, 'm2');
  cpSync(SEEDED, m2, { recursive: true });
  mkdirSync(path.join(home, '.m2'));
  // Maven reads no proxy variable: the proxy goes in the user's settings.xml, as the row says.
  writeFileSync(
    path.join(home, '.m2', 'settings.xml'),
    `<settings><proxies><proxy><id>lab</id><active>true</active><protocol>https</protocol><host>127.0.0.1</host><port>${proxyPort}</port></proxy></proxies></settings>\n`,
  );
  const env: NodeJS.ProcessEnv = { HOME: home, PATH: process.env.PATH, LANG: 'C.UTF-8' };
  const added = paths ? await applyGenerated('maven', 'persistent+session', paths, env, jdks) : {};
  // Java takes user.home from the password database, not HOME: the settings file is named explicitly.
  const args = [
    '-B',
    '-s',
    path.join(home, '.m2', 'settings.xml'),
    `-Duser.home=${home}`,
    `-Dmaven.repo.local=${m2}`,
    'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:get',
    '-Dartifact=com.example.lab:lab-lib:1.0',
    '-Dtransitive=false',
  ];
  const output = await new Promise<string>((resolve) =>
    execFile('mvn', args, { cwd: home, env: { ...env, ...added }, timeout: 300_000, maxBuffer: 8 * 1024 * 1024 }, (_e, out, err) =>
      resolve(`${out}${err}`),
    ),
  );
  return { output, fetched: existsSync(path.join(m2, 'com', 'example', 'lab', 'lab-lib', '1.0', 'lab-lib-1.0.jar')) };
}

describe('Maven: a dependency through the inspecting lab proxies', { timeout: 1_200_000 }, () => {
  for (const [name, shape] of [
    ['root-signed leaf', 'leaf'],
    ['intermediate under a trust-store-only root', 'leaf+intermediate'],
  ] as const) {
    it(`${name}: fails without, fetches with the row's setting`, { skip: missing }, async () => {
      const proxy = await lab.startProxy({ shape });
      const dir = path.join(root, `export ${shape}`);
      mkdirSync(dir);
      const paths = {
        ca: path.join(dir, 'corporate-ca.pem'),
        bundle: path.join(dir, 'ca-bundle.pem'),
        der: path.join(dir, 'corporate-ca.crt'),
      };
      writeFileSync(paths.ca, proxy.root.pem);
      writeFileSync(paths.bundle, proxy.root.pem);
      writeFileSync(paths.der, execFileSync('openssl', ['x509', '-outform', 'DER'], { input: proxy.root.pem }));

      const without = await mvn(`without-${shape}`, proxy.port, null);
      assert.ok(!without.fetched, without.output);
      assert.match(without.output, /PKIX path building failed/, without.output);
      const explained = explainErrors(without.output);
      assert.deepEqual([...new Set(explained.map((m) => m.guideTool))], ['maven'], JSON.stringify(explained.map((m) => m.id)));

      const withSetting = await mvn(`with-${shape}`, proxy.port, paths);
      assert.ok(withSetting.fetched, withSetting.output);
      assert.match(withSetting.output, /BUILD SUCCESS/);
      assert.ok(
        proxy.connectRequests.some((c) => c.includes(REPO_HOST)),
        'through the proxy',
      );
      rows.push(
        `| maven | ${name} | fails: PKIX path building failed | lab-lib-1.0.jar fetched (BUILD SUCCESS) | n/a (ADD: the JDK's roots stay in the copy) |`,
      );
    });
  }
});
