import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import type { DetectionResult, TargetReport } from '../../shared/detection.js';
import { MESSAGES } from '../../shared/i18n/index.js';
import { emptyProbe } from '../../electron/core/probe/probe.js';
import { dominantError } from '../../shared/dominant-error.js';
import { compareFingerprint } from '../../renderer/src/fingerprint-compare.js';
import { EMPTY_SETTINGS, INITIAL_FLOW, plannedTargets, probeInput, targetKey } from '../../renderer/src/flow.js';
import { restoredFlow, storableFlow } from '../../renderer/src/stored-flow.js';
import { installedFirst } from '../../renderer/src/tool-order.js';
import { reportMarkdown } from '../../renderer/src/report.js';
import { defaultChoice, diffLines, entriesOf, isProofUrl, proofUrl } from '../../renderer/src/ledger-run.js';
import type { ToolApplyReport } from '../../shared/api/results.js';

const site = (host: string, port: number, extra: Partial<TargetReport>): TargetReport => ({
  ...emptyProbe({ host, port }, 'proxy'),
  status: 'error',
  ...extra,
});

describe('renderer logic', () => {
  it('plans the sites exactly as the engine keys its progress: GitHub.com and [::1]:8443 find their rows', () => {
    const planned = plannedTargets(' GitHub.com , [::1]:8443, github.com:443', []);
    assert.deepEqual(planned, { keys: ['github.com:443', '[::1]:8443'], error: null });
    // The engine reports the host without brackets and lower-cased.
    assert.equal(targetKey({ host: '::1', port: 8443 }), '[::1]:8443');
    assert.deepEqual(plannedTargets('', [{ host: 'www.google.com', port: 443 }]).keys, ['www.google.com:443']);
    assert.deepEqual(plannedTargets('github.com, bad host:99999', []), { keys: [], error: 'bad host:99999' });
  });

  it('compares a pasted fingerprint whatever its formatting, and tells a wrong or malformed one apart', () => {
    const fp = 'AB:'.repeat(31) + 'CD';
    assert.equal(compareFingerprint(fp.toLowerCase().replace(/:/g, ' '), fp), 'match');
    assert.equal(compareFingerprint(`SHA256 Fingerprint=${fp}`, fp), 'match');
    assert.equal(compareFingerprint(fp.replace(/CD$/, 'CE'), fp), 'mismatch');
    assert.equal(compareFingerprint('AB:CD', fp), 'invalid');
    assert.equal(compareFingerprint('  ', fp), 'empty');
  });

  it('names the cause that explains most unreachable sites', () => {
    const d = {
      targets: [
        site('a', 443, { error: { code: 'timeout', message: '' } }),
        site('b', 443, { error: { code: 'proxy-auth-required', message: '', params: { scheme: 'Negotiate' } } }),
        site('c', 443, { error: { code: 'proxy-auth-required', message: '', params: { scheme: 'Negotiate' } } }),
        site('d', 443, { status: 'clean' }),
      ],
    } as DetectionResult;
    assert.deepEqual(dominantError(d), { code: 'proxy-auth-required', message: '', params: { scheme: 'Negotiate' } });
    assert.equal(dominantError({ targets: [site('d', 443, { status: 'clean' })] } as DetectionResult), null);
  });

  it('writes the report for IT as Markdown in the chosen language, with each site and no broken table', async () => {
    const t = await i18next.createInstance().init({ resources: { ja: { translation: MESSAGES.ja } }, lng: 'ja' });
    const d = {
      verdict: 'inconclusive',
      confidence: { level: 'none', reason: 'too-few-reachable' },
      vendor: null,
      inspectionCa: null,
      proxy: 'http://proxy.example:8080',
      evidence: [{ kind: 'too-few-reachable', message: '', hosts: ['a.example'] }],
      targets: [
        site('a.example', 443, { error: { code: 'proxy-refused', message: '' } }),
        site('b.example', 443, { status: 'inspected', chain: [{ issuer: 'CN=Evil | Pipe' }] as TargetReport['chain'] }),
        site('c.example', 443, { error: { code: 'proxy-error', message: '', params: { proxyStatus: 502 } } }),
      ],
      startedAt: '2026-01-01T00:00:00.000Z',
    } as unknown as DetectionResult;
    const md = reportMarkdown(t, {
      detection: d,
      environment: { platform: 'linux' } as never,
      verdictText: '判定できません',
      lang: 'ja',
      version: '9.9.9-test',
    });
    assert.ok(md.startsWith('## IT 部門向け CA Bridge レポート'), md);
    assert.ok(md.includes('| a.example:443 | 接続不可 | プロキシが接続を拒否した |'), md);
    assert.ok(md.includes('| b.example:443 | インスペクションあり | CN=Evil \\| Pipe |'), md);
    // A 502 is "could not reach", never "refused".
    assert.ok(md.includes('| c.example:443 | 接続不可 | プロキシがこのサイトに到達できなかった（502） |'), md);
    assert.ok(md.includes('9.9.9-test') && md.includes('Linux') && md.includes('http://proxy.example:8080'), md);
  });

  it('the report for IT names every inspection CA with its route, and a site unreachable through the proxy as such (ja)', async () => {
    const t = await i18next.createInstance().init({ resources: { ja: { translation: MESSAGES.ja } }, lng: 'ja' });
    const ca = (subject: string, fingerprint256: string, primary: boolean, route: string, host: string) => ({
      subject,
      fingerprint256,
      source: 'trust-store',
      location: 'store.pem',
      notAfter: null,
      pem: null,
      sites: [{ host, port: 443, route, pacRoute: null }],
      routes: [route],
      primary,
    });
    const a = ca('CN=Root A', 'AA:01', true, 'http://proxy-a.example:8080', 'pypi.org');
    const b = ca('CN=Root B', 'BB:02', false, 'DIRECT', 'www.google.com');
    const d = {
      verdict: 'inspected',
      vendor: null,
      inspectionCa: a,
      inspectionCas: [a, b],
      proxy: null,
      evidence: [],
      targets: [
        site('nowhere.invalid', 443, { status: 'unreachable-via-proxy', chain: [{ issuer: 'CN=Root A' }] as TargetReport['chain'] }),
      ],
      startedAt: '2026-01-01T00:00:00.000Z',
    } as unknown as DetectionResult;
    const md = reportMarkdown(t, {
      detection: d,
      environment: { platform: 'linux' } as never,
      verdictText: '',
      lang: 'ja',
      version: '9.9.9-test',
    });
    assert.ok(md.includes('### インスペクション CA: 経路 なし（直接接続）'), md);
    assert.ok(md.includes('CN=Root B') && md.includes('`BB:02`') && md.includes('www.google.com:443'), md);
    assert.ok(md.includes('| nowhere.invalid:443 | プロキシ経由で到達不可 |'), md);
  });

  it('names the proxy sign-in methods and the problem of a 407 in the report for IT', async () => {
    const t = await i18next.createInstance().init({ resources: { en: { translation: MESSAGES.en } }, lng: 'en' });
    const proxyAuth = { offered: ['Negotiate', 'NTLM'], tried: 'NTLM', problem: 'rejected' as const };
    const d = {
      verdict: 'inconclusive',
      vendor: null,
      inspectionCa: null,
      proxy: 'http://proxy.example:8080',
      evidence: [],
      targets: [site('a.example', 443, { error: { code: 'proxy-auth-required', message: '', proxyAuth } })],
      startedAt: '2026-01-01T00:00:00.000Z',
    } as unknown as DetectionResult;
    const input = { detection: d, environment: null, verdictText: 'x', lang: 'en', version: '1' };
    const md = reportMarkdown(t, input);
    assert.ok(md.includes(`- **${MESSAGES.en.report.proxySignIn}**: Negotiate, NTLM — ${MESSAGES.en.proxyAuthProblem.rejected}`), md);
    const direct = reportMarkdown(t, { ...input, detection: { ...d, targets: [site('a.example', 443, { status: 'clean' })] } });
    assert.ok(!direct.includes(MESSAGES.en.report.proxySignIn), 'no sign-in line without a 407');
  });

  it("orders Verify's tools installed first, keeping the engine's order within each group", () => {
    const tools = [
      { name: 'java', result: 'not-found' as const },
      { name: 'curl', result: 'pass' as const },
      { name: 'pip', result: 'skipped' as const },
      { name: 'node', result: 'fail' as const },
      { name: 'ruby', result: 'not-found' as const },
      { name: 'git', result: 'pass' as const },
    ];
    assert.deepEqual(
      installedFirst(tools).map((x) => x.name),
      ['curl', 'node', 'git', 'pip', 'java', 'ruby'],
    );
    assert.equal(tools[0]!.name, 'java', "the engine's list is left as it was");
  });

  it('hands the proxy user and password to the engine only with a user name, the password exactly as typed', () => {
    assert.deepEqual(probeInput({ ...EMPTY_SETTINGS, proxyPassword: 'orphan' }), {});
    assert.deepEqual(probeInput({ ...EMPTY_SETTINGS, proxyUser: ' CORP\\alice ', proxyPassword: ' pa ss ' }), {
      proxyUser: 'CORP\\alice',
      proxyPassword: ' pa ss ',
    });
  });

  it('never stores the proxy password, nor a proxy address carrying one, and keeps the rest', () => {
    const settings = { ...EMPTY_SETTINGS, proxy: 'http://proxy.example:8080', proxyUser: 'CORP\\alice', proxyPassword: 'S3cret-Pw' };
    const text = JSON.stringify(storableFlow({ ...INITIAL_FLOW, settings }));
    assert.ok(!text.includes('S3cret-Pw'), text);
    assert.deepEqual(restoredFlow(JSON.parse(text)).settings, { ...settings, proxyPassword: '' });
    const inUrl = JSON.stringify(
      storableFlow({ ...INITIAL_FLOW, settings: { ...settings, proxy: 'http://bob:Url-Pw@proxy.example:8080' } }),
    );
    assert.ok(!inUrl.includes('Url-Pw'), inUrl);
    assert.equal(restoredFlow(JSON.parse(inUrl)).settings.proxy, '');
    // An entry written by someone else with a password in it is not brought back into the form.
    assert.equal(restoredFlow({ settings: { ...EMPTY_SETTINGS, proxyPassword: 'planted' } }).settings.proxyPassword, '');
    assert.deepEqual(restoredFlow({}).settings, EMPTY_SETTINGS, 'an entry from before the sign-in fields gets them empty');
  });

  it('"Set these up for me": the diff without its file header, the rows chosen at first, one run\'s entries; Fix\'s default site', () => {
    const diff =
      'Index: /h/.npmrc\n===================================================================\n--- /h/.npmrc\n+++ /h/.npmrc\n@@ -1,2 +1,2 @@\n+cafile=/x\n save-exact=true\n-strict-ssl=false\n\\ No newline at end of file\n';
    assert.deepEqual(
      diffLines(diff).map((l) => `${l.kind} ${l.text}`),
      [
        'hunk @@ -1,2 +1,2 @@',
        'add +cafile=/x',
        'context  save-exact=true',
        'remove -strict-ssl=false',
        'note \\ No newline at end of file',
      ],
    );
    // The Windows user environment's changes come as bare -/+ pairs: every line is the change.
    assert.deepEqual(
      diffLines('-A=(unset)\n+A=x (REG_SZ)\n').map((l) => l.kind),
      ['remove', 'add'],
    );
    const row = (tool: string, extra: Partial<ToolApplyReport>): ToolApplyReport => ({
      tool,
      where: `/h/${tool}`,
      setting: '',
      changed: true,
      diff: '',
      backup: null,
      admin: false,
      runs: null,
      entries: [],
      error: null,
      ...extra,
    });
    assert.deepEqual(
      defaultChoice([row('npm', {}), row('git', { changed: false }), row('nssdb', { error: 'certutil is not installed' }), row('pip', {})]),
      ['npm', 'pip'],
      'only rows that change something, and can',
    );
    assert.deepEqual(entriesOf([row('npm', { entries: ['a'] }), row('java', { entries: ['b', 'c'] })]), ['a', 'b', 'c']);
    const detection = (targets: Partial<TargetReport>[]) => ({ targets: targets.map((t) => site(t.host!, t.port!, t)) }) as DetectionResult;
    assert.equal(
      proofUrl(
        detection([
          { host: 'clean.example', port: 443, status: 'clean' },
          { host: 'in.example', port: 8443, status: 'inspected' },
        ]),
      ),
      'https://in.example:8443/',
    );
    assert.equal(proofUrl(detection([{ host: 'in.example', port: 443, status: 'inspected' }])), 'https://in.example/');
    assert.equal(proofUrl(null), '');
    assert.ok(isProofUrl('https://in.example/') && !isProofUrl('http://in.example/') && !isProofUrl('https://in.example'));
  });
});
