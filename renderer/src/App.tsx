import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo } from '../../shared/api/results';
import type { TargetReport } from '../../shared/detection';
import { api } from './api';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SetupStatus } from './components/SetupStatus';
import { STEPS, StepNav, type StepId } from './components/StepNav';
import { presetFlow, targetKey, type FlowState } from './flow';
import { loadSaved, save } from './persist';
import { CheckStep } from './steps/CheckStep';
import { ConfigureStep } from './steps/ConfigureStep';
import { DiagnoseStep } from './steps/DiagnoseStep';
import { ExportStep } from './steps/ExportStep';
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

  useEffect(
    () =>
      api.onProgress((event) => {
        if (event.type === 'detect-progress') setRows((r) => ({ ...r, [targetKey(event.target)]: event.target }));
      }),
    [],
  );
  useEffect(() => save({ step, flow }), [step, flow]);

  const go = (next: StepId) => {
    setStep(next);
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus();
  };

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
          <SetupStatus settings={flow.settings} />
          {step === 'check' && (
            <CheckStep
              environment={environment}
              flow={flow}
              rows={rows}
              resetRows={() => setRows({})}
              update={update}
              onDone={() => go('result')}
            />
          )}
          {step === 'result' && (
            <ResultStep
              environment={environment}
              flow={flow}
              update={update}
              onNext={() => go('export')}
              onCheck={() => go('check')}
              onDiagnose={() => go('diagnose')}
            />
          )}
          {step === 'export' && <ExportStep environment={environment} flow={flow} update={update} onNext={() => go('configure')} />}
          {step === 'configure' && <ConfigureStep environment={environment} exportDir={flow.exportDir} onNext={() => go('verify')} />}
          {step === 'verify' && <VerifyStep flow={flow} onCheck={() => go('check')} />}
          {step === 'diagnose' && <DiagnoseStep settings={flow.settings} />}
        </main>
      </div>
    </div>
  );
}
