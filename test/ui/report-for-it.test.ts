import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import type { ToolOutcome, VerifyOutcome } from '../../shared/api/results.js';
import type { DetectionResult, TargetReport } from '../../shared/detection.js';
import { MESSAGES } from '../../shared/i18n/index.js';
import { fill } from '../../shared/i18n/fill.js';
import { emptyProbe } from '../../electron/core/probe/probe.js';
import { reportMarkdown, type ReportInput } from '../../renderer/src/report.js';
import { reportSections } from '../helpers/report-sections.js';

const FP = 'AB:CD:'.repeat(15) + 'AB:CD';
const site = (host: string, extra: Partial<TargetReport>): TargetReport => ({
  ...emptyProbe({ host, port: 443 }, 'proxy'),
  status: 'error',
  ...extra,
});
const inspected = (host: string) =>
  site(host, { status: 'inspected', chain: [{ issuer: 'CN=Corp Issuing CA' }, { issuer: 'CN=Corp Root' }] as TargetReport['chain'] });

const detection = (extra: Partial<DetectionResult> = {}): DetectionResult =>
  ({
    verdict: 'inspected',
    confidence: { level: 'high', reason: 'several-sites' },
    vendor: null,
    inspectionCa: {
      subject: 'CN=Corp Root, O=Corp',
      fingerprint256: FP,
      source: 'trust-store',
      location: '/etc/ssl/certs/ca-certificates.crt',
      notBefore: '2025-01-01T00:00:00.000Z',
      notAfter: '2035-01-01T00:00:00.000Z',
      pem: null,
    },
    proxy: 'http://proxy.corp.example:8080',
    proxySource: { kind: 'environment', detail: 'HTTPS_PROXY', notes: [] },
    evidence: [{ kind: 'common-issuer', message: '', hosts: ['a.example', 'b.example'] }],
    targets: [inspected('a.example'), inspected('b.example')],
    startedAt: '2026-12-06T10:00:00.000Z',
    ...extra,
  }) as unknown as DetectionResult;

const tool = (name: string, result: ToolOutcome['result'], extra: Partial<ToolOutcome> = {}): ToolOutcome => ({
  name,
  setting: name === 'node' ? 'NODE_EXTRA_CA_CERTS' : 'SSL_CERT_FILE',
  result,
  error: null,
  control: 'fail',
  settings: [],
  ...extra,
});
const verified: NonNullable<ReportInput['verified']> = {
  at: '2026-12-06T10:05:00.000Z',
  outcome: {
    dir: '/home/u/ca-bridge',
    verdict: 'inspected',
    targets: [],
    tools: [
      tool('node', 'pass'),
      tool('curl', 'fail', { error: 'curl: (60) SSL certificate problem: unable to get local issuer certificate\nmore' }),
      tool('pip', 'proxy-auth', {
        proxyAuth: { proxy: 'http://proxy.corp.example:8080', offered: ['NTLM'], held: false },
      } as Partial<ToolOutcome>),
      tool('java', 'not-found'),
    ],
    proven: null,
    toolTarget: 'a.example:443',
    passed: false,
    checkedSomething: true,
    cause: 'some-failed',
  } as VerifyOutcome,
};

for (const lang of ['en', 'ja'] as const) {
  const M = MESSAGES[lang];
  const R = M.report;
  describe(`the report for IT, field by field (${lang})`, async () => {
    const t = await i18next
      .createInstance()
      .init({ resources: { [lang]: { translation: M } }, lng: lang, interpolation: { escapeValue: false } });
    const base: ReportInput = {
      detection: detection(),
      environment: { platform: 'windows' } as never,
      verdictText: 'VERDICT',
      lang,
      version: '1.2.3',
    };

    it("asks IT to confirm the fingerprint and names every fact once, in the user's language", () => {
      const md = reportMarkdown(t, { ...base, verified, tried: ['check-again', 'proxy-sign-in', 'export', 'verify'] });
      const s = reportSections(md);
      assert.deepEqual(
        [...s.keys()],
        [
          R.title,
          R.requestTitle,
          R.checkedTitle,
          R.networkTitle,
          R.verdictTitle,
          R.ca,
          R.verifyTitle,
          R.triedTitle,
          R.sitesTitle,
          R.evidence,
        ],
      );
      assert.deepEqual(s.get(R.title), [R.intro]);
      assert.deepEqual(s.get(R.requestTitle), [
        `- ${fill(R.request.verifyFailed, { tools: ['curl', 'pip'].join(R.listSeparator) })}`,
        `- ${fill(R.request.confirm, { fingerprint: `\`${FP}\`` })}`,
      ]);
      assert.deepEqual(s.get(R.checkedTitle), [
        `- **${R.when}**: ${new Date('2026-12-06T10:00:00.000Z').toLocaleString(lang)}`,
        `- **${R.sitesChecked}**: 2`,
        `- **${R.version}**: 1.2.3`,
        `- **${R.os}**: Windows`,
      ]);
      assert.deepEqual(s.get(R.networkTitle), [
        `- **${R.proxy}**: http://proxy.corp.example:8080`,
        `- **${R.proxySource}**: ${M.proxyFrom.environment} \`HTTPS_PROXY\``,
      ]);
      // Verdict and confidence each worded once: the confidence sentence carries its own label.
      assert.deepEqual(s.get(R.verdictTitle), [
        `- VERDICT`,
        `- ${M.confidence['several-sites']}`,
        `- **${R.vendor}**: ${M.result.unknownVendor}`,
      ]);
      assert.doesNotMatch(md, /Confidence: Confidence|確度: 確度/);
      const date = (iso: string) => new Date(iso).toLocaleDateString(lang);
      assert.deepEqual(s.get(R.ca), [
        `- **${R.subject}**: CN=Corp Root, O=Corp`,
        `- **${R.fingerprint}**: \`${FP}\``,
        `- **${R.validity}**: ${fill(R.validRange, { from: date('2025-01-01T00:00:00.000Z'), until: date('2035-01-01T00:00:00.000Z') })}`,
        `- **${R.source}**: ${M.source['trust-store']}`,
        `- **${R.location}**: \`/etc/ssl/certs/ca-certificates.crt\``,
      ]);
      const verify = s.get(R.verifyTitle)!;
      assert.equal(verify[0], `- **${R.verifyAt}**: ${new Date(verified.at).toLocaleString(lang)}`);
      assert.equal(verify[1], `- ${M.verifyCause['some-failed']}`);
      assert.equal(verify[2], `- ${fill(M.verify.toolTarget, { site: 'a.example:443' })}`);
      assert.equal(verify[3], `| ${R.tool} | ${R.setting} | ${R.result} | ${R.toolCause} |`);
      // Tools that ran, each with its cause; a tool not installed here is not a result.
      assert.deepEqual(verify.slice(5), [
        `| node | \`NODE_EXTRA_CA_CERTS\` | ${M.outcome.pass} |  |`,
        `| curl | \`SSL_CERT_FILE\` | ${M.outcome.fail} | \`curl: (60) SSL certificate problem: unable to get local issuer certificate\` |`,
        `| pip | \`SSL_CERT_FILE\` | ${M.outcome['proxy-auth']} | ${fill(M.verify.toolProxyAuth, { proxy: 'http://proxy.corp.example:8080', schemes: 'NTLM' })} |`,
      ]);
      assert.deepEqual(s.get(R.triedTitle), [
        `- ${M.tried['check-again']}`,
        `- ${M.tried['proxy-sign-in']}`,
        `- ${M.tried.export}`,
        `- ${M.tried.verify}`,
      ]);
      assert.deepEqual(s.get(R.sitesTitle)!.slice(2), [
        `| a.example:443 | ${M.status.inspected} | CN=Corp Issuing CA |`,
        `| b.example:443 | ${M.status.inspected} | CN=Corp Issuing CA |`,
      ]);
      assert.deepEqual(s.get(R.evidence), [`- ${M.evidence['common-issuer']}: a.example, b.example`]);
      assert.doesNotMatch(md, /undefined|null|\{\{/);
    });

    it('a clean network: no product line, nothing tried yet, and a request that fits', () => {
      const clean = detection({ verdict: 'clean', inspectionCa: null, targets: [site('a.example', { status: 'clean' })], evidence: [] });
      const s = reportSections(reportMarkdown(t, { ...base, detection: clean }));
      assert.deepEqual(s.get(R.requestTitle), [`- ${R.request.clean}`]);
      assert.ok(!s.get(R.verdictTitle)!.some((l) => l.includes(R.vendor)), 'no "Product: none" on a clean network');
      assert.equal(s.has(R.ca), false);
      assert.deepEqual(s.get(R.triedTitle), [`- ${R.triedNone}`]);
    });

    it('a root only the proxy sent, one not found, a product, and a refused proxy: each worded as the page words it', () => {
      const ca = detection().inspectionCa!;
      const untrusted = detection({
        vendor: { name: 'Zscaler' } as DetectionResult['vendor'],
        inspectionCa: { ...ca, source: 'presented-chain', location: 'sent by the proxy for a.example' },
      });
      const u = reportSections(reportMarkdown(t, { ...base, detection: untrusted }));
      assert.deepEqual(u.get(R.requestTitle), [`- ${fill(R.request.untrusted, { fingerprint: `\`${FP}\`` })}`]);
      assert.ok(u.get(R.verdictTitle)!.includes(`- **${R.vendor}**: Zscaler`));
      assert.ok(!u.get(R.ca)!.some((l) => l.includes('sent by the proxy')), "the engine's English location is not in the report");
      const notFound = detection({
        inspectionCa: { ...ca, source: 'not-found', fingerprint256: null, notBefore: null, notAfter: null, location: null },
      });
      const n = reportSections(reportMarkdown(t, { ...base, detection: notFound }));
      assert.deepEqual(n.get(R.requestTitle), [`- ${fill(R.request.notFound, { subject: 'CN=Corp Root, O=Corp' })}`]);
      assert.ok(n.get(R.ca)!.includes(`- **${R.fingerprint}**: ${R.none}`));
      const refused = detection({
        verdict: 'inconclusive',
        confidence: { level: 'none', reason: 'too-few-reachable' },
        inspectionCa: null,
        targets: [site('a.example', { error: { code: 'proxy-refused', message: '' } })],
      });
      const r = reportSections(reportMarkdown(t, { ...base, detection: refused }));
      assert.deepEqual(r.get(R.requestTitle), [`- ${R.request.inconclusive}`]);
      assert.deepEqual(r.get(R.verdictTitle), [
        '- VERDICT',
        `- ${M.confidence['too-few-reachable']}`,
        `- **${R.cause}**: ${M.cause['proxy-refused']}`,
        `- **${R.next}**: ${M.next['proxy-refused']}`,
      ]);
    });
  });
}
