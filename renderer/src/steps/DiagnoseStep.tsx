import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult, Finding } from '../../../shared/diagnose';
import type { ErrorExplanation } from '../../../shared/explain';
import type { ErrorValue } from '../../../shared/result';
import { findingDetail } from '../../../shared/i18n/finding-detail';
import { MESSAGES } from '../../../shared/i18n/index';
import { api } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { ProxySourceNotes } from '../components/ProxySourceNotes';
import { probeInput, type ProbeSettings, type TriedStep } from '../flow';
import { checkOp, LIMITS } from '../operations';
import { useOperation } from '../useOperation';

/** The finding's label comes from its code, its detail from the key and parameters the engine gave (as the CLI words it). */
function FindingItem({ finding }: { finding: Finding }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={`finding finding-${finding.severity}`} data-code={finding.code}>
      <strong>
        {t(`severity.${finding.severity}`)} · {t(`finding.${finding.code}`)}
      </strong>{' '}
      <span data-testid="finding-detail">{findingDetail(MESSAGES[i18n.language === 'ja' ? 'ja' : 'en'], finding)}</span>
    </li>
  );
}

/** The chain as a picture, each finding attached to the certificate it concerns. */
function ChainWithFindings({ result }: { result: CheckResult }) {
  const { t } = useTranslation();
  const general = result.findings.filter((f) => f.certIndex === null);
  return (
    <>
      <h4>{t('diagnose.chain')}</h4>
      <ol className="chain" data-testid="diagnose-chain">
        {result.chain.map((cert, i) => (
          <li key={cert.fingerprint256} className="cert">
            <div className="cert-head" translate="no">
              [{i}] {cert.subject}
            </div>
            <div className="cert-meta" translate="no">
              {cert.issuer} · {cert.notAfter.slice(0, 10)} · {cert.keyType.toUpperCase()} {cert.keyBits ?? ''} · {cert.signatureAlgorithm}
            </div>
            <ul>
              {result.findings
                .filter((f) => f.certIndex === i)
                .map((f) => (
                  <FindingItem key={f.code + f.message} finding={f} />
                ))}
            </ul>
          </li>
        ))}
      </ol>
      {general.length > 0 && (
        <>
          <h4>{t('diagnose.general')}</h4>
          <ul>
            {general.map((f) => (
              <FindingItem key={f.code + f.message} finding={f} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function DiagnoseStep({ settings, note }: { settings: ProbeSettings; note: (tried: TriedStep) => void }) {
  const { t, i18n } = useTranslation();
  const [host, setHost] = useState('');
  const [sni, setSni] = useState('');
  const [text, setText] = useState('');
  const [explained, setExplained] = useState<ErrorExplanation[] | null>(null);
  const [explainError, setExplainError] = useState<ErrorValue | null>(null);
  const op = useOperation(checkOp, LIMITS.checkMs);
  const busy = op.busy;
  // A probe that ran but could not reach the host is shown as an error, with its reason.
  const checked: CheckResult | null = op.result && !op.result.error ? op.result : null;
  const error = op.error ?? op.result?.error ?? explainError;
  const { targets: _targets, ...probe } = probeInput(settings);

  const check = () => {
    note('diagnose-host');
    void op.run({ host: host.trim(), ...(sni.trim() ? { sni: sni.trim() } : {}), ...probe });
  };
  const explain = async () => {
    setExplainError(null);
    const r = await api.explain({ text, lang: i18n.language === 'ja' ? 'ja' : 'en', door: 'page' });
    if (r.ok) {
      setExplained(r.value.matches);
      note('explain');
    } else setExplainError(r.error);
  };

  return (
    <section>
      <h2 id="step-title">{t('diagnose.title')}</h2>
      <h3>{t('diagnose.checkTitle')}</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <div className="field">
          <label htmlFor="diag-host">{t('diagnose.host')}</label>
          <input id="diag-host" type="text" value={host} onChange={(e) => setHost(e.target.value)} required data-testid="diag-host" />
        </div>
        <div className="field">
          <label htmlFor="diag-sni">{t('diagnose.sni')}</label>
          <input id="diag-sni" type="text" value={sni} onChange={(e) => setSni(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={busy || !host.trim()} data-testid="diag-run">
          {busy ? t('common.working') : t('diagnose.run')}
        </button>
      </form>
      <ErrorNote error={error} />
      {/* A PAC file that failed (so the check went direct) is said whether or not the host was reached. */}
      {op.result?.proxyNotes && <ProxySourceNotes notes={op.result.proxyNotes} />}
      {checked && <ChainWithFindings result={checked} />}
      <h3>{t('diagnose.explainTitle')}</h3>
      <div className="field">
        <label htmlFor="diag-text">{t('diagnose.paste')}</label>
        <textarea id="diag-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} data-testid="diag-text" />
      </div>
      <button type="button" onClick={() => void explain()} disabled={!text.trim()} data-testid="diag-explain">
        {t('diagnose.explain')}
      </button>
      {explained &&
        (explained.length === 0 ? (
          <p role="status">{t('diagnose.noMatch')}</p>
        ) : (
          <div role="status" data-testid="explanations">
            {explained.map((m) => (
              <article key={m.id} className="card" data-id={m.id}>
                <h4>
                  {m.title} <small>({m.tool})</small>
                </h4>
                <p>
                  <strong>{t('diagnose.matched')}</strong>: <code data-quoted>{m.matched}</code>
                </p>
                <p>
                  <strong>{t('diagnose.cause')}</strong>: {m.cause}
                </p>
                {m.onThisMachine && (
                  <p>
                    <strong>{t('diagnose.here')}</strong>: {m.onThisMachine}
                  </p>
                )}
                <p>
                  <strong>{t('diagnose.fix')}</strong>: {m.fix}
                </p>
              </article>
            ))}
          </div>
        ))}
    </section>
  );
}
