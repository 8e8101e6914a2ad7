import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo, VerifyOutcome } from '../../../shared/api/results';
import { MESSAGES } from '../../../shared/i18n/index';
import { verifySiteText } from '../../../shared/i18n/verify-site-text';
import { provenSentences, toolSettingSentences } from '../../../shared/verify-words';
import { api } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { NeedExport } from '../components/NeedExport';
import { ReportButton } from '../components/ReportButton';
import { RelayAdvice } from '../components/RelayAdvice';
import { StatusBadge } from '../components/StatusBadge';
import { probeInput, type FlowState, type TriedStep, type UpdateFlow } from '../flow';
import { LIMITS, verifyOp } from '../operations';
import { installedFirst } from '../tool-order';
import { useOperation } from '../useOperation';

/** The engine's English explanation: inline in English, folded as a technical detail in other languages. */
function EngineDetail({ text, english }: { text: string; english: boolean }) {
  const { t } = useTranslation();
  if (english) return <code className="detail">{text}</code>;
  return (
    <details>
      <summary>{t('common.details')}</summary>
      <code className="detail">{text}</code>
    </details>
  );
}

/** Pass or fail as the engine judged it (never recomputed here), the cause named, one column per result. */
/** The catalogue's sentences about settings in the page's language (the same ones the CLI prints in English). */
const settingWords = (language: string) => MESSAGES[language === 'ja' ? 'ja' : 'en'].verifySettings;

/** Which configuration was proven: the user's own plus the session settings or what apply wrote, with any override named. */
function ProvenConfiguration({ proven }: { proven: NonNullable<VerifyOutcome['proven']> }) {
  const { i18n } = useTranslation();
  const said = provenSentences(proven, settingWords(i18n.language));
  return (
    <div data-testid="verify-proven" data-proven-kind={proven.kind}>
      <p>{said.heading}</p>
      <ul>
        {said.vars.map((v) => (
          <li key={v}>
            <code translate="no">{v}</code>
          </li>
        ))}
      </ul>
      {said.notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}

interface Props {
  environment: EnvironmentInfo | null;
  flow: FlowState;
  update: UpdateFlow;
  note: (tried: TriedStep) => void;
  onCheck: () => void;
  onExport: () => void;
}

export function VerifyStep({ environment, flow, update, note, onCheck, onExport }: Props) {
  const { t, i18n } = useTranslation();
  const words = settingWords(i18n.language);
  const op = useOperation(verifyOp, LIMITS.verifyMs);
  // Live progress while it runs: sites re-checked, then each tool's outcome as soon as it finishes.
  const [sites, setSites] = useState({ done: 0, total: 0 });
  const [tools, setTools] = useState<{ done: number; total: number; list: VerifyOutcome['tools'] }>({ done: 0, total: 0, list: [] });
  useEffect(() => {
    if (!op.busy) return;
    setSites({ done: 0, total: 0 });
    setTools({ done: 0, total: 0, list: [] });
    return api.onProgress((event) => {
      if (event.type === 'detect-progress') setSites({ done: event.done, total: event.total });
      else setTools((x) => ({ done: event.done, total: event.total, list: [...x.list, event.tool] }));
    });
  }, [op.busy]);
  // The outcome is kept in the flow for the report for IT, with when it ran.
  const verify = async () => {
    const outcome = await op.run({ dir: flow.exportDir!, ...probeInput(flow.settings) });
    if (!outcome) return;
    update({ verified: { at: new Date().toISOString(), outcome } });
    note('verify');
  };
  if (!flow.exportDir)
    return (
      <section>
        <h2 id="step-title">{t('verify.title')}</h2>
        <NeedExport step="verify" onExport={onExport} />
      </section>
    );
  const result = op.result;
  const routes = result?.routes ?? [];
  const severalRoutes = routes.length > 1;
  return (
    <section>
      <h2 id="step-title">{t('verify.title')}</h2>
      <p>{t('verify.intro')}</p>
      <div className="buttons">
        <button type="button" className="primary" onClick={() => void verify()} disabled={op.busy} data-testid="run-verify">
          {op.busy ? t('common.working') : t('verify.run')}
        </button>
        {op.busy && (
          <button type="button" onClick={op.cancel} data-testid="cancel-verify">
            {t('common.cancel')}
          </button>
        )}
      </div>
      {op.busy && (
        <p role="status" className="progress-note" data-testid="verify-progress">
          <span className="spinner" aria-hidden="true" /> {t('verify.progress')}
        </p>
      )}
      {op.busy && (sites.total > 0 || tools.total > 0) && (
        <div className="live-progress" data-testid="verify-live">
          {sites.total > 0 && <p>{t('verify.sitesProgress', { done: sites.done, total: sites.total })}</p>}
          {tools.total > 0 && (
            <>
              <p>{t('verify.toolsProgress', { done: tools.done, total: tools.total })}</p>
              <ul className="tool-progress">
                {installedFirst(tools.list).map((x) => (
                  <li key={x.name} data-tool={x.name} data-result={x.result}>
                    <span translate="no">{x.name}</span> <StatusBadge status={x.result} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {op.cancelled && <p role="status">{t('common.cancelled')}</p>}
      <ErrorNote error={op.error} />
      {result && (
        <>
          <div
            role="status"
            className={result.passed ? 'verdict verdict-clean' : 'verdict verdict-inspected'}
            data-testid="verify-summary"
            data-passed={String(result.passed)}
            data-cause={result.cause ?? ''}
          >
            {result.cause ? t(`verifyCause.${result.cause}`) : t('verify.allPassed')}
          </div>
          {!result.passed && flow.detection && (
            <div className="buttons report-buttons" data-testid="verify-report">
              <ReportButton detection={flow.detection} flow={flow} environment={environment} />
            </div>
          )}
          {(result.cause === 'different-ca' || result.cause === 'nothing-reachable') && (
            <button type="button" className="primary" onClick={onCheck} data-testid="verify-recheck">
              {t('common.next', { step: t('nav.check') })}
            </button>
          )}
          <div className="table-scroll">
            <table data-testid="verify-sites">
              <caption>{t('verify.sites')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('result.site')}</th>
                  <th scope="col">{t('verify.extra')}</th>
                  <th scope="col">{t('verify.bundle')}</th>
                  <th scope="col">{t('verify.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {result.targets.map((x) => (
                  <tr key={`${x.host}:${x.port}`} data-site={x.host} data-extra={x.extraCa} data-bundle={x.bundle}>
                    <th scope="row" translate="no">
                      {x.host}
                    </th>
                    <td>
                      <StatusBadge status={x.extraCa} />
                    </td>
                    <td>
                      <StatusBadge status={x.bundle} />
                    </td>
                    <td>
                      {x.problem && (
                        <span data-testid="verify-site-problem">
                          {verifySiteText(MESSAGES[i18n.language === 'ja' ? 'ja' : 'en'], x.problem)}
                        </span>
                      )}
                      {x.error ? <EngineDetail text={x.error} english={false} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {severalRoutes ? (
            <div data-testid="verify-routes">
              <p>{t('verify.toolRoutes', { count: routes.length })}</p>
              <ul>
                {routes.map((r) => (
                  <li key={`${r.route} ${r.site}`} data-route={r.route}>
                    {r.ca
                      ? t('verify.route', { route: r.route, site: r.site, ca: r.ca.subject })
                      : t('verify.routeClean', { route: r.route, site: r.site })}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            result.toolTarget && <p>{t('verify.toolTarget', { site: result.toolTarget })}</p>
          )}
          {result.proven && <ProvenConfiguration proven={result.proven} />}
          <div className="table-scroll">
            <table data-testid="verify-tools">
              <caption>{t('verify.tools')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('verify.tool')}</th>
                  <th scope="col">{t('verify.setting')}</th>
                  <th scope="col">{t('verify.outcome')}</th>
                  <th scope="col">{t('verify.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {installedFirst(result.tools).map((x) => (
                  <tr key={x.name} data-tool={x.name} data-result={x.result}>
                    <th scope="row" translate="no">
                      {x.name}
                    </th>
                    <td>
                      <code>{x.setting}</code>
                    </td>
                    <td>
                      <StatusBadge status={x.result} />
                    </td>
                    <td>
                      {/* Cannot sign in: said in the interface's language, with the proxy and its schemes as data. */}
                      {x.proxyAuth && (
                        <p data-testid="tool-proxy-auth">
                          {t(x.proxyAuth.held ? 'verify.toolProxyHeld' : 'verify.toolProxyAuth', {
                            proxy: x.proxyAuth.proxy,
                            schemes: x.proxyAuth.offered.join(t('relay.listSeparator')),
                          })}
                        </p>
                      )}
                      {/* Several routes: each route's own result (a tool passes only when all pass), its site named. */}
                      {severalRoutes && (x.routes ?? []).length > 0 && (
                        <ul className="tool-routes" data-testid="tool-routes">
                          {(x.routes ?? []).map((r) => (
                            <li key={`${r.route} ${r.site}`} data-route={r.route} data-result={r.result}>
                              <span>{t('verify.toolRoute', { route: r.route, site: r.site })}</span> <StatusBadge status={r.result} />
                              {r.error ? <EngineDetail text={r.error} english={i18n.language === 'en'} /> : null}
                            </li>
                          ))}
                        </ul>
                      )}
                      {/* "Not installed" is the whole story (the badge says it); other messages as for the sites above. */}
                      {toolSettingSentences(x, words, result.proven?.kind).map((sentence) => (
                        <p key={sentence} className="setting-note" data-testid="verify-setting-note">
                          {sentence}
                        </p>
                      ))}
                      {x.error && x.result !== 'not-found' && !severalRoutes ? (
                        <EngineDetail text={x.error} english={i18n.language === 'en' && !x.proxyAuth} />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.tools.some((x) => x.result === 'proxy-auth') &&
            (result.proxyAdvice ?? []).map((advice) => <RelayAdvice key={advice.proxy} advice={advice} />)}
        </>
      )}
    </section>
  );
}
