import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo } from '../../shared/api/results';
import type { TargetReport } from '../../shared/detection';
import { api } from './api';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SetupStatus } from './components/SetupStatus';
import { STEPS, StepNav, type StepId } from './components/StepNav';
import { presetFlow, targetKey, withTried, type FlowState, type TriedStep } from './flow';
import { loadSaved, save } from './persist';
import { CheckStep } from './steps/CheckStep';
import { ConfigureStep } from './steps/ConfigureStep';
import { DiagnoseStep } from './steps/DiagnoseStep';
import { ExportStep } from './steps/ExportStep';
import { HealthStep } from './steps/HealthStep';
import { ResultStep } from './steps/ResultStep';
import { VerifyStep } from './steps/VerifyStep';

/** One guided flow; every step also works on its own once its inputs exist. */
export function App({ environment }: { environment: EnvironmentInfo | null }) {
  const { t } = useTranslation();
  const [saved] = useState(loadSaved);
  const [step, setStep] = useState<StepId>(saved && (STEPS as readonly string[]).includes(saved.step) ? saved.step : 'check');
  const [rows, setRows] = useState<Record<string, TargetReport>>({});
  const [flow, setFlow] = useState<FlowState>(() => saved?.flow ?? presetFlow(environment?.presets));
  const update = (patch: Partial<FlowState>) => setFlow((f) => ({ ...f, ...patch }));
  const note = (tried: TriedStep) => setFlow((f) => withTried(f, tried));

  useEffect(
    () =>
      api.onProgress((event) => {
        if (event.type === 'detect-progress') setRows((r) => ({ ...r, [targetKey(event.target)]: event.target }));
      }),
    [],
  );
  useEffect(() => save({ step, flow }), [step, flow]);

  /** To another step; `focusId` puts the user straight on the control they came for (Diagnose's error box). */
  const go = (next: StepId, focusId?: string) => {
    setStep(next);
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus();
    if (focusId) setTimeout(() => document.getElementById(focusId)?.focus(), 0);
  };
  const explain = () => go('diagnose', 'diag-text');

  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <div className="layout">
        <StepNav current={step} onSelect={go} />
        <main id="main" tabIndex={-1} aria-labelledby="step-title">
          <SetupStatus settings={flow.settings} reachedHere={flow.detection?.targets.some((site) => !site.error) ?? false} />
          {step === 'check' && (
            <CheckStep
              environment={environment}
              flow={flow}
              rows={rows}
              resetRows={() => setRows({})}
              update={update}
              note={note}
              onDone={() => go('result')}
            />
          )}
          {step === 'result' && (
            <ResultStep
              environment={environment}
              flow={flow}
              update={update}
              note={note}
              onNext={() => go('export')}
              onCheck={() => go('check')}
              onDiagnose={() => go('diagnose')}
              onExplain={explain}
            />
          )}
          {step === 'export' && (
            <ExportStep
              environment={environment}
              flow={flow}
              update={update}
              note={note}
              onNext={() => go('configure')}
              onCheck={() => go('check')}
              onExplain={explain}
            />
          )}
          {step === 'configure' && (
            <ConfigureStep
              environment={environment}
              exportDir={flow.exportDir}
              exported={flow.exported}
              setupRun={flow.setupRun ?? null}
              onSetupRun={(setupRun) => update({ setupRun })}
              note={note}
              onNext={() => go('verify')}
              onExport={() => go('export')}
            />
          )}
          {step === 'verify' && (
            <VerifyStep
              environment={environment}
              flow={flow}
              update={update}
              note={note}
              onCheck={() => go('check')}
              onExport={() => go('export')}
            />
          )}
          {step === 'health' && <HealthStep environment={environment} flow={flow} update={update} />}
          {step === 'diagnose' && <DiagnoseStep settings={flow.settings} note={note} />}
        </main>
      </div>
    </div>
  );
}
