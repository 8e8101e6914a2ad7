/**
 * Every catalogue row that can run here, proven with the real tool through the lab's inspecting proxy:
 *  - without the setting it fails with a certificate error, and `explain` maps that text to the row;
 *  - with exactly the generated setting (each way: session variable, persistent command, file fragment)
 *    it passes the TLS step, for the inspected site and for one the proxy does not inspect;
 *  - for REPLACE rows, the CA alone against the site the proxy does NOT inspect fails (why the bundle).
 * Rows that cannot run here are skipped with the reason. The table is printed at the end.
 * The lane runs through two differently shaped inspecting proxies: one that signs forged leaves with its root
 * and sends the leaf alone, and one that signs with an intermediate under a root only the trust store holds,
 * sending leaf + intermediate (as cloud inspection services do). The export holds the root in both. The site
 * neither proxy inspects is proven once, through the first (both tunnel it untouched to the same origin).
 * Rows run a few at a time (the tools mostly start up and wait); the table is printed in catalogue order.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainErrors } from '../../shared/explain.js';
import type { ExportPaths } from '../../shared/guidance/render.js';
import { TOOL_GUIDES, toolGuide } from '../../shared/guidance/tools.js';
import { findJdks } from '../../electron/core/guidance/jdks.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { prebuildClients, REAL_TOOL_CASES } from './real-tools/cases.js';
import { applyGenerated, baseEnv, isolatedHome, labBundle, run } from './real-tools/harness.js';

const INSPECTED = 'www.google.com';
const NOT_INSPECTED = 'letsencrypt.org';

interface TableRow {
  /** Lane, then catalogue order: rows finish in any order when they run concurrently. */
  order: number;
  id: string;
  proxy: string;
  row: string;
  reference: string;
  ran: string;
  without: string;
  withSetting: string;
  caAlone: string;
}
const table: TableRow[] = [];

/** The two proxy shapes of the lane (test/lab/proxy.ts ChainShape). */
const LANES = [
  { name: 'root-signed leaf', options: { shape: 'leaf' as const } },
  { name: 'intermediate under a trust-store-only root', options: { shape: 'leaf+intermediate' as const } },
];

interface Lane {
  proxy: LabProxy;
  paths: ExportPaths;
  caAlonePaths: ExportPaths;
}
let lab: Lab;
let root: string;
const lanes: Lane[] = [];

before(async () => {
  lab = await startLab();
  root = mkdtempSync(path.join(tmpdir(), 'ca-bridge-real-tools-'));
  prebuildClients(root);
  for (const [i, lane] of LANES.entries()) {
    const proxy = await lab.startProxy({ bypass: [NOT_INSPECTED], ...lane.options });
    const exportDir = path.join(root, `export dir ${i}`);
    mkdirSync(exportDir);
    const paths = {
      ca: path.join(exportDir, 'corporate-ca.pem'),
      bundle: path.join(exportDir, 'ca-bundle.pem'),
      der: path.join(exportDir, 'corporate-ca.crt'),
    };
    // The export holds the root only: the intermediate comes from the proxy, in the chain it sends.
    writeFileSync(paths.ca, proxy.root.pem);
    // The bundle as export writes it: the public roots (here the lab's) plus the corporate CA.
    writeFileSync(paths.bundle, labBundle(lab.families, proxy.root.pem));
    writeFileSync(paths.der, new X509Certificate(proxy.root.pem).raw);
    // What a REPLACE setting sees if it is wrongly given the CA alone.
    lanes.push({ proxy, paths, caAlonePaths: { ...paths, bundle: paths.ca } });
  }
});

after(async () => {
  await lab?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  const lines = [
    '| row | proxy | doc | ran here? | without | with the generated setting | CA alone, site not inspected |',
    '|---|---|---|---|---|---|---|',
    ...table
      .sort((a, b) => a.order - b.order)
      .map((r) => `| ${r.row} | ${r.proxy} | ${r.reference} | ${r.ran} | ${r.without} | ${r.withSetting} | ${r.caAlone} |`),
  ];
  console.log(lines.join('\n'));
});

const proxyInfo = (proxy: LabProxy) => ({ host: '127.0.0.1', port: proxy.port, url: proxy.url });

/** The matches explain finds must point to this row (catch-alls without a row are allowed beside it). */
function assertExplainsTo(rowId: string, output: string) {
  const matches = explainErrors(output);
  assert.ok(
    matches.some((m) => m.guideTool === rowId),
    `explain did not map to ${rowId}: ${JSON.stringify(matches.map((m) => m.id))}\n${output}`,
  );
  for (const m of matches) if (m.guideTool) assert.equal(m.guideTool, rowId, `${m.id} points elsewhere\n${output}`);
}

/** The recognised error line (what explain matched), for the table. */
const firstLine = (text: string) =>
  (explainErrors(text)[0]?.matched ?? text.trim().split('\n')[0] ?? '').replace(/\s+/g, ' ').slice(0, 90).replace(/\|/g, '/');

/** Rows run a few at a time: most of a tool's time is start-up and waiting, and the lab answers in this process. */
const ROW_CONCURRENCY = 4;

/** Each case's reason not to run here, asked once (the checks start the tools). */
const missingOf = new Map(REAL_TOOL_CASES.map((c) => [c, c.missing()]));

describe('catalogue rows proven with the real tools through the inspecting proxies', { timeout: 1_200_000 }, () => {
  describe('each row through each proxy', { concurrency: ROW_CONCURRENCY }, () => {
    for (const [laneIndex, laneSpec] of LANES.entries())
      for (const [caseIndex, testCase] of REAL_TOOL_CASES.entries()) {
        const row = toolGuide(testCase.row);
        const selected = process.env.CA_BRIDGE_REAL_TOOLS?.split(',');
        const missing = selected && !selected.includes(row.id) ? 'not selected by CA_BRIDGE_REAL_TOOLS' : missingOf.get(testCase);
        it(
          `${laneSpec.name}: ${testCase.label ?? row.id} (${row.semantics.toUpperCase()}: ${row.setting})`,
          { skip: missing ?? false, timeout: 300_000 },
          async () => {
            const { proxy, paths, caAlonePaths } = lanes[laneIndex]!;
            const url = (host: string) => `https://${host}/`;
            const jdks = row.id === 'java' ? await findJdks(process.env) : [];
            const attempt = async (label: string, host: string, way: Parameters<typeof applyGenerated>[1] | null, files: ExportPaths) => {
              const home = isolatedHome(root, `${row.id}-${label}`);
              const env = baseEnv(home, proxy.url, testCase.extraPath?.(home) ?? []);
              const added = way ? await applyGenerated(row.id, way, files, env, jdks) : {};
              const call = testCase.invoke(url(host), home, proxyInfo(proxy));
              return run(call.command, call.args, { ...env, ...call.env, ...added }, path.join(home, 'work'));
            };

            const without = await attempt('without', INSPECTED, null, paths);
            assert.ok(!testCase.passedTls(without.output), `${row.id} passed without any setting:\n${without.output}`);
            assertExplainsTo(testCase.explainsTo ?? row.id, without.output);

            // The site the proxies do not inspect is tunnelled untouched by either of them: the same handshake with
            // the same origin, and the bundle's public part is the same. The first lane proves it; the others would
            // repeat that run byte for byte.
            const provesNotInspected = row.semantics === 'replace' && laneIndex === 0;
            const results: string[] = [];
            for (const way of testCase.ways) {
              // ADD rows keep the tool's built-in list, which cannot know the lab's fake public roots: only the inspected site proves them.
              for (const host of provesNotInspected ? [INSPECTED, NOT_INSPECTED] : [INSPECTED]) {
                const ran = await attempt(`with-${way}`, host, way, paths);
                assert.ok(testCase.passedTls(ran.output), `${row.id} ${way} → ${host} did not pass TLS:\n${ran.output}`);
              }
              results.push(`${way}: pass${provesNotInspected ? ' (inspected and not inspected)' : ''}`);
            }

            let caAlone = 'n/a (ADD)';
            if (provesNotInspected) {
              const ran = await attempt('ca-alone', NOT_INSPECTED, testCase.ways[0]!, caAlonePaths);
              assert.ok(
                !testCase.passedTls(ran.output),
                `${row.id}: the CA alone reached a site the proxy does not inspect:\n${ran.output}`,
              );
              assertExplainsTo(testCase.explainsTo ?? row.id, ran.output);
              caAlone = `fails: ${firstLine(ran.output)}`;
            } else if (row.semantics === 'replace')
              caAlone = `as through the ${LANES[0]!.name} proxy (that site is not inspected by either)`;
            table.push({
              order: laneIndex * REAL_TOOL_CASES.length + caseIndex,
              id: row.id,
              proxy: laneSpec.name,
              row: testCase.label ?? row.id,
              reference: row.reference,
              ran: 'yes',
              without: `fails: ${firstLine(without.output)}`,
              withSetting: results.join('; '),
              caAlone,
            });
          },
        );
      }
  });

  it('rows that cannot run here say why', () => {
    for (const row of TOOL_GUIDES) {
      if (table.some((r) => r.id === row.id)) continue;
      const testCase = REAL_TOOL_CASES.find((c) => c.row === row.id);
      const why = (testCase && missingOf.get(testCase)) ?? row.verify.how;
      table.push({
        order: Number.MAX_SAFE_INTEGER,
        id: row.id,
        proxy: '',
        row: row.id,
        reference: row.reference,
        ran: `no: ${why}`,
        without: '',
        withSetting: '',
        caAlone: '',
      });
    }
    assert.ok(table.length >= TOOL_GUIDES.length);
  });
});
