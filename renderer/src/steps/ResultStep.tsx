import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo } from '../../../shared/api/results';
import type { DetectionResult } from '../../../shared/detection';
import { ChainDiagram } from '../components/ChainDiagram';
import { ReportButton } from '../components/ReportButton';
import { ErrorNote } from '../components/ErrorNote';
import { InlineCode } from '../components/InlineCode';
import { IssuerMatrix } from '../components/IssuerMatrix';
import { ProxyAuthNote } from '../components/ProxyAuthNote';
import { ProxySourceNotes } from '../components/ProxySourceNotes';
import { ProxyCredentials } from '../components/ProxyCredentials';
import { RelayAdvice } from '../components/RelayAdvice';
import { SiteTable } from '../components/SiteTable';
import { UntrustedRoot } from '../components/UntrustedRoot';
import { CaFacts } from '../components/CaFacts';
import { OtherCas } from '../components/OtherCas';
import { dominantError } from '../../../shared/dominant-error';
import { exportableCa, probeInput, targetKey, type FlowState, type TriedStep, type UpdateFlow } from '../flow';
import { detectOp, LIMITS } from '../operations';
import { downloadJson } from '../download';
import { causeWords } from '../reason-words';
import { useVerdictText } from '../verdict-text';
import { useOperation } from '../useOperation';

interface Props {
  environment: EnvironmentInfo | null;
  flow: FlowState;
  update: UpdateFlow;
  onNext: () => void;
  onCheck: () => void;
  onDiagnose: () => void;
  /** Diagnose, on "Explain an error message" (the way on for a tool that still fails). */
  onExplain: () => void;
  note: (tried: TriedStep) => void;
}

interface CauseProps {
  detection: DetectionResult;
  /** Desktop app (native dialogs) or browser mode: a 407's next step differs between them. */
  desktop: boolean;
  onDiagnose: () => void;
}

function Cause({ detection, desktop, onDiagnose }: CauseProps) {
  const { t } = useTranslation();
  const main = dominantError(detection);
  if (!main) return null;
  const auth =
    main.code === 'proxy-auth-required'
      ? main.params?.credentialsSent === 'yes'
        ? t('auth.rejected')
        : main.params?.scheme
          ? t('auth.scheme', { scheme: main.params.scheme })
          : t('auth.noScheme')
      : null;
  const words = causeWords(t, main);
  const needsDiagnose = main.code === 'tls-alert' || main.code === 'tls-error' || main.code === 'no-certificate';
  return (
    <section className="card cause" aria-labelledby="cause-title" data-testid="cause" data-code={main.code}>
      <h3 id="cause-title">{t(detection.verdict === 'inconclusive' ? 'result.causeTitle' : 'result.causeTitleSome')}</h3>
      <p data-testid="cause-text" data-proxy-status={main.params?.proxyStatus}>
        {words.cause}
        {auth ? ` ${auth}` : ''}
      </p>
      {main.proxyAuth && <ProxyAuthNote info={main.proxyAuth} />}
      <h4>{t('result.nextTitle')}</h4>
      <p data-testid="next-step" data-front-door={desktop ? 'desktop' : 'browser'}>
        {words.next ?? t(desktop ? 'authNext.desktop' : 'authNext.browser')}
      </p>
      {needsDiagnose && (
        <button type="button" onClick={onDiagnose}>
          {t('nav.diagnose')}
        </button>
      )}
    </section>
  );
}

export function ResultStep(props: Props) {
  const { t } = useTranslation();
  if (!props.flow.detection)
    return (
      <section>
        <h2 id="step-title">{t('result.title')}</h2>
        <p>{t('result.none')}</p>
        <button type="button" className="primary" onClick={props.onCheck}>
          {t('common.next', { step: t('nav.check') })}
        </button>
      </section>
    );
  return <ResultView {...props} detection={props.flow.detection} />;
}

/** No inspection: say that the tools need nothing here, and give the way on for a tool that still fails. */
function CleanNetwork({ onExplain, onExport }: { onExplain: () => void; onExport: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="clean-title" data-testid="clean-next">
      <h3 id="clean-title">{t('clean.title')}</h3>
      <p>{t('clean.body')}</p>
      <p>
        <InlineCode text={t('clean.stillFails')} />
      </p>
      <div className="buttons">
        <button type="button" className="primary" onClick={onExplain} data-testid="clean-explain">
          {t('clean.explain')}
        </button>
      </div>
      <p>{t('clean.elsewhere')}</p>
      <p>{t('clean.itFile')}</p>
      <div className="buttons">
        <button type="button" onClick={onExport} data-testid="clean-it-file">
          {t('clean.useItFile')}
        </button>
      </div>
    </section>
  );
}

function ResultView({ environment, flow, update, note, onNext, onDiagnose, onExplain, detection }: Props & { detection: DetectionResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [selected, setSelected] = useState('');
  const [extraSites, setExtraSites] = useState('');
  const recheck = useOperation(detectOp, LIMITS.detectMs);
  const verdictText = useVerdictText(detection);
  const reachable = detection.targets.filter((x) => !x.error);
  const chosen = detection.targets.find((x) => targetKey(x) === selected) ?? reachable[0];
  const ca = detection.inspectionCa;
  const confident = detection.verdict !== 'inconclusive';
  const canExport = exportableCa(detection);

  const addSites = async () => {
    const defaults = (environment?.defaultTargets ?? []).map(targetKey).join(',');
    const targets = [flow.settings.targets.trim() || defaults, extraSites.trim()].filter(Boolean).join(',');
    const settings = { ...flow.settings, targets };
    const result = await recheck.run(probeInput(settings));
    if (result) {
      update({ settings, detection: result, exported: null });
      note('sites-added');
      setExtraSites('');
    }
  };

  // The user confirmed, by the name shown, a proxy that only WPAD named: check again sending it the credentials.
  const confirmProxy = async (hostPort: string) => {
    const settings = { ...flow.settings, confirmProxy: [...new Set([...(flow.settings.confirmProxy ?? []), hostPort])] };
    const result = await recheck.run(probeInput(settings));
    if (result) update({ settings, detection: result, exported: null });
  };

  return (
    <section>
      <h2 id="step-title">{t('result.title')}</h2>
      <p className={`verdict verdict-${detection.verdict}`} role="status" data-testid="verdict">
        {verdictText}
      </p>
      {detection.confidence && (
        <p
          className={`confidence confidence-${detection.confidence.level}`}
          data-testid="confidence"
          data-level={detection.confidence.level}
        >
          {t(`confidence.${detection.confidence.reason}`)}
        </p>
      )}
      <Cause detection={detection} desktop={environment?.nativeDialogs ?? false} onDiagnose={onDiagnose} />
      <ProxyCredentials uses={detection.proxyCredentials ?? []} busy={recheck.busy} onConfirm={(h) => void confirmProxy(h)} />
      {detection.confidence?.level !== 'high' && (
        <div className="field inline add-sites">
          <label htmlFor="add-sites">{t('result.addSites')}</label>
          <input id="add-sites" type="text" value={extraSites} onChange={(e) => setExtraSites(e.target.value)} data-testid="add-sites" />
          <button type="button" disabled={!extraSites.trim() || recheck.busy} onClick={() => void addSites()} data-testid="add-sites-run">
            {recheck.busy ? t('common.working') : t('result.addSitesRun')}
          </button>
          {recheck.busy && (
            <button type="button" onClick={recheck.cancel}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      )}
      <ErrorNote error={recheck.error} />
      {detection.verdict === 'clean' && <CleanNetwork onExplain={onExplain} onExport={onNext} />}
      <div className="buttons report-buttons">
        <ReportButton detection={detection} flow={flow} environment={environment} />
        <button type="button" onClick={() => downloadJson(detection)} data-testid="save-json">
          {t('result.saveJson')}
        </button>
      </div>
      <dl className="facts">
        {/* "Product not recognised" only means something once inspection is seen. */}
        {(detection.vendor || detection.inspectionCa) && (
          <>
            <dt>{t('result.vendor')}</dt>
            <dd data-testid="vendor" translate={detection.vendor ? 'no' : undefined}>
              {detection.vendor?.name ?? t('result.unknownVendor')}
            </dd>
          </>
        )}
        <dt>{t('result.proxy')}</dt>
        <dd translate={detection.proxy ? 'no' : undefined}>{detection.proxy ?? t('result.direct')}</dd>
        {detection.proxySource && (
          <>
            <dt>{t('result.proxySource')}</dt>
            <dd data-testid="proxy-source" data-kind={detection.proxySource.kind}>
              {t(`proxyFrom.${detection.proxySource.kind}`)}
              {detection.proxySource.detail && detection.proxySource.kind !== 'option' && (
                <>
                  {' '}
                  <code className="detail" translate="no">
                    {detection.proxySource.detail}
                  </code>
                </>
              )}
              {/* Results saved before notes became codes carry English strings: those are not shown. */}
              {detection.proxySource.notes.some((n) => typeof n === 'object') && (
                <ProxySourceNotes notes={detection.proxySource.notes.filter((n) => typeof n === 'object')} />
              )}
            </dd>
          </>
        )}
      </dl>
      {ca && ca.source === 'presented-chain' && (
        <UntrustedRoot ca={ca} lang={lang} pasted={flow.itFingerprint ?? ''} onPaste={(v) => update({ itFingerprint: v })} />
      )}
      {ca && ca.source !== 'presented-chain' && <CaFacts ca={ca} lang={lang} />}
      <OtherCas cas={detection.inspectionCas ?? []} />
      {ca?.source === 'not-found' && <p data-testid="not-found-next">{t('result.notFoundNext')}</p>}
      {!confident && ca && (
        <p className="note" data-testid="no-export">
          {t('result.noExportInconclusive')}
        </p>
      )}
      <div className="buttons">
        {canExport && (
          <button type="button" className="primary" onClick={onNext} data-testid="to-export">
            {t('common.next', { step: t('nav.export') })}
          </button>
        )}
        {(ca?.source === 'presented-chain' || ca?.source === 'not-found') && confident && (
          <button type="button" onClick={onNext} data-testid="use-it-file">
            {t('result.useItFile')}
          </button>
        )}
      </div>
      {detection.proxyAdvice?.map((advice) => (
        <RelayAdvice key={advice.proxy} advice={advice} />
      ))}
      {detection.targets.some((x) => x.error || x.status === 'unreachable-via-proxy' || x.status === 'name-mismatch') && (
        <>
          <h3>{t('result.reasons')}</h3>
          <SiteTable targets={detection.targets} />
        </>
      )}
      {reachable.length > 0 && (
        <>
          <h3>{t('result.matrix')}</h3>
          <IssuerMatrix targets={detection.targets} inspection={detection.verdict !== 'clean'} />
          <h3>{t('result.chain')}</h3>
          <label className="field">
            {t('result.site')}
            <select
              translate="no"
              value={chosen ? targetKey(chosen) : ''}
              onChange={(e) => setSelected(e.target.value)}
              data-testid="chain-site"
            >
              {reachable.map((x) => (
                <option key={targetKey(x)} value={targetKey(x)}>
                  {x.host}
                </option>
              ))}
            </select>
          </label>
          {chosen && !chosen.error && <ChainDiagram target={chosen} proxy={detection.proxy} />}
        </>
      )}
      <h3>{t('result.evidence')}</h3>
      <ul data-testid="evidence">
        {detection.evidence.map((e) => (
          <li key={e.kind + e.hosts.join(',')} data-kind={e.kind}>
            <strong>{t(`evidence.${e.kind}`)}</strong>
            {e.hosts.length ? ': ' : ''}
            <span translate="no">{e.hosts.join(', ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
