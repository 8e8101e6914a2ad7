import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo, ExportOutcome } from '../../shared/api/results';
import type { DetectionResult, TargetReport } from '../../shared/detection';
import { api } from './api';
import { LanguageSwitch } from './components/LanguageSwitch';
import { StepNav, type StepId } from './components/StepNav';
import { CheckStep, type ProbeSettings } from './steps/CheckStep';
import { ConfigureStep } from './steps/ConfigureStep';
import { DiagnoseStep } from './steps/DiagnoseStep';
import { ExportStep } from './steps/ExportStep';
import { ResultStep } from './steps/ResultStep';
import { VerifyStep } from './steps/VerifyStep';

export interface FlowState {
  settings: ProbeSettings;
  detection: DetectionResult | null;
  exportDir: string | null;
  exported: ExportOutcome | null;
}

/** One guided flow; every step also works on its own once its inputs exist. */
export function App({ environment }: { environment: EnvironmentInfo | null }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<StepId>('check');
  const [rows, setRows] = useState<Record<string, TargetReport>>({});
  const [flow, setFlow] = useState<FlowState>({
    settings: { targets: '', proxy: '', connectTo: '', publicRootsFile: '', trustStorePath: '' },
    detection: null,
    exportDir: null,
    exported: null,
  });
  const update = (patch: Partial<FlowState>) => setFlow((f) => ({ ...f, ...patch }));

  useEffect(() => api.onProgress((event) => setRows((r) => ({ ...r, [`${event.target.host}:${event.target.port}`]: event.target }))), []);

  const go = (next: StepId) => {
    setStep(next);
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
          {step === 'result' && <ResultStep detection={flow.detection} onNext={() => go('export')} />}
          {step === 'export' && <ExportStep environment={environment} flow={flow} update={update} onNext={() => go('configure')} />}
          {step === 'configure' && <ConfigureStep environment={environment} exportDir={flow.exportDir} onNext={() => go('verify')} />}
          {step === 'verify' && <VerifyStep flow={flow} />}
          {step === 'diagnose' && <DiagnoseStep settings={flow.settings} />}
        </main>
      </div>
    </div>
  );
}
