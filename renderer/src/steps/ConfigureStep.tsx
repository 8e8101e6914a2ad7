import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo, ExportOutcome, ProfileOutcome, SnippetsOutcome, ToolApplyReport } from '../../../shared/api/results';
import type { RenderedTool } from '../../../shared/guidance/render';
import { SHELLS, type Shell } from '../../../shared/guidance/quote';
import type { ErrorValue } from '../../../shared/result';
import { api } from '../api';
import { isStoreId } from '../../../shared/i18n/store-ids';
import { CopyButton } from '../components/CopyButton';
import { InlineCode } from '../components/InlineCode';
import { ErrorNote } from '../components/ErrorNote';
import { NeedExport } from '../components/NeedExport';
import type { TriedStep } from '../flow';
import { Tabs } from '../components/Tabs';
import { SetupForMe } from '../components/SetupForMe';
import type { LedgerRun } from '../ledger-run';

interface Props {
  environment: EnvironmentInfo | null;
  exportDir: string | null;
  /** The export made in this flow, if the folder is that one: its CAs are what "Set these up for me" expects to find there. */
  exported: ExportOutcome | null;
  setupRun: LedgerRun<ToolApplyReport> | null;
  onSetupRun: (run: LedgerRun<ToolApplyReport> | null) => void;
  note: (tried: TriedStep) => void;
  onNext: () => void;
  onExport: () => void;
}

export function ConfigureStep({ environment, exportDir, exported, setupRun, onSetupRun, note, onNext, onExport }: Props) {
  const { t, i18n } = useTranslation();
  const [shell, setShell] = useState<Shell>(environment?.defaultShell ?? 'bash');
  const [snippets, setSnippets] = useState<SnippetsOutcome | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [profile, setProfile] = useState<{ action: 'apply' | 'revert'; outcome: ProfileOutcome } | null>(null);
  const [preview, setPreview] = useState<ProfileOutcome | null>(null);
  const lang = i18n.language === 'ja' ? 'ja' : 'en';

  useEffect(() => {
    if (!exportDir) return;
    void api.snippets({ dir: exportDir, shell, lang }).then((r) => (r.ok ? (setSnippets(r.value), setError(null)) : setError(r.error)));
  }, [exportDir, shell, lang]);

  // Apply is shown first as the dry run's diff, and written only once the user has seen it.
  const showPreview = async () => {
    setError(null);
    setProfile(null);
    const r = await api.apply({ dir: exportDir!, shell, dryRun: true });
    if (r.ok) setPreview(r.value);
    else setError(r.error);
  };
  const change = async (action: 'apply' | 'revert') => {
    setError(null);
    setPreview(null);
    const r = action === 'apply' ? await api.apply({ dir: exportDir!, shell }) : await api.revert({ shell });
    if (r.ok) {
      setProfile({ action, outcome: r.value });
      if (action === 'apply') note('profile-applied');
    } else setError(r.error);
  };
  useEffect(() => setPreview(null), [shell]);
  const own = (id: string) => (id.startsWith('windows') ? 'windows' : id.startsWith('macos') ? 'macos' : 'linux') === environment?.platform;
  const storeCard = (s: SnippetsOutcome['systemStores'][number]) => (
    <div key={s.id} className="store" data-store={s.id}>
      <h4>
        {isStoreId(s.id) ? t(`store.${s.id}`) : <span translate="no">{s.name}</span>}{' '}
        <span className={`badge ${s.admin ? 'badge-fail' : 'badge-clean'}`}>{t(s.admin ? 'configure.admin' : 'configure.noAdmin')}</span>
      </h4>
      <div className="snippet">
        <CopyButton text={s.command} label={isStoreId(s.id) ? t(`store.${s.id}`) : s.name} />
        <pre>{s.command}</pre>
      </div>
      {s.note && (
        <p>
          <InlineCode text={s.note} />
        </p>
      )}
    </div>
  );

  const toolCard = (tool: RenderedTool) => (
    <details key={tool.id} className="tool" data-testid={`tool-${tool.id}`}>
      <summary>
        {tool.nameIsData ? <span translate="no">{tool.label}</span> : <span>{tool.label}</span>}{' '}
        <span className={`badge badge-${tool.semantics}`}>{t(`semantics.${tool.semantics}`)}</span>{' '}
        <span className="setting-text">
          <InlineCode text={tool.settingText} />
        </span>
      </summary>
      <p>
        <InlineCode text={tool.semanticsText} />
      </p>
      {tool.commands.length > 0 && (
        <div className="snippet">
          <CopyButton text={tool.commands.join('\n')} label={tool.label} />
          <pre>{tool.commands.join('\n')}</pre>
        </div>
      )}
      {/* File fragments (Dockerfile, JSON, INI) are shown apart from commands, labelled with their file. */}
      {tool.fragments.map((f) => (
        <div className="snippet" key={f.path} data-testid={`fragment-${tool.id}`}>
          <p>
            <code>{f.format}</code> <span translate="no">{f.file}</span>
            {f.hint && (
              <>
                {' '}
                (<InlineCode text={f.hint} />)
              </>
            )}
          </p>
          {/* The label names the file only: a path's hint in parentheses is English data. */}
          <CopyButton text={f.text} label={`${tool.label}: ${f.file}`} />
          <pre>{f.text}</pre>
        </div>
      ))}
      <ul>
        {tool.caveats.map((c) => (
          <li key={c}>
            <InlineCode text={c} />
          </li>
        ))}
      </ul>
      <a
        href={tool.reference}
        target="_blank"
        rel="noreferrer noopener"
        onClick={(e) => {
          if (window.caBridge) {
            e.preventDefault();
            void api.openReference({ url: tool.reference });
          }
        }}
      >
        {t('configure.reference')}
      </a>
    </details>
  );
  // The user's own tools first; the catalogue's others folded (all shown when the engine could not tell).
  const installed = snippets?.installedTools;
  const mine = snippets?.tools.filter((x) => !installed || installed.includes(x.id)) ?? [];
  const others = snippets?.tools.filter((x) => installed && !installed.includes(x.id)) ?? [];

  if (!exportDir)
    return (
      <section>
        <h2 id="step-title">{t('configure.title')}</h2>
        <NeedExport step="configure" onExport={onExport} />
      </section>
    );
  return (
    <section>
      <h2 id="step-title">{t('configure.title')}</h2>
      <ul className="semantics">
        <li>
          <span className="badge badge-add">{t('semantics.add')}</span> {t('configure.add')}
        </li>
        <li>
          <span className="badge badge-replace">{t('semantics.replace')}</span> {t('configure.replace')}
        </li>
      </ul>
      <SetupForMe
        exportDir={exportDir}
        expectFingerprints={
          exported?.dir === exportDir ? [exported.ca.fingerprint256, ...(exported.otherCas ?? []).map((c) => c.fingerprint256)] : []
        }
        adminStores={snippets?.systemStores.filter((x) => own(x.id) && x.admin) ?? []}
        run={setupRun}
        onRun={onSetupRun}
      />
      {snippets && (
        <aside className="safety" aria-labelledby="safety-title">
          <h3 id="safety-title">{t('configure.safety')}</h3>
          <ul>
            {snippets.safety.map((n) => (
              <li key={n}>
                <InlineCode text={n} />
              </li>
            ))}
          </ul>
        </aside>
      )}
      <h3>{t('configure.envTitle')}</h3>
      <Tabs
        label={t('configure.shells')}
        tabs={SHELLS.map((s) => ({ id: s, label: s === 'powershell' ? 'PowerShell' : s }))}
        selected={shell}
        onSelect={(id) => setShell(id as Shell)}
      >
        {/* Only the chosen shell's lines, never the previous shell's while the new ones load. */}
        {snippets && snippets.shell === shell && (
          <div className="snippet">
            <CopyButton text={snippets.text} label={`${t('configure.envTitle')} (${shell})`} />
            <pre data-testid="env-snippet">{snippets.text}</pre>
          </div>
        )}
      </Tabs>
      {shell !== 'cmd' && (
        <div className="buttons">
          <button type="button" onClick={() => void showPreview()} data-testid="apply">
            {t('configure.apply')}
          </button>
          <button type="button" onClick={() => void change('revert')} data-testid="revert">
            {t('configure.revert')}
          </button>
        </div>
      )}
      {preview && (
        <div className="card" data-testid="apply-preview">
          <h4>{t('configure.preview', { where: preview.where })}</h4>
          <pre data-testid="apply-diff">{preview.diff || t('configure.unchanged', { where: preview.where })}</pre>
          <button
            type="button"
            className="primary"
            onClick={() => void change('apply')}
            data-testid="apply-confirm"
            disabled={!preview.changed}
          >
            {t('configure.previewConfirm')}
          </button>
        </div>
      )}
      {profile && (
        <p role="status" data-testid="profile-status">
          {t(profile.outcome.changed ? (profile.action === 'apply' ? 'configure.applied' : 'configure.reverted') : 'configure.unchanged', {
            where: profile.outcome.where,
          })}
          {profile.outcome.backup ? ` ${t('configure.backup', { file: profile.outcome.backup })}` : ''}
          {profile.action === 'apply' && profile.outcome.changed ? ` ${t('configure.relogin')}` : ''}
        </p>
      )}
      <ErrorNote error={error} />
      {snippets && (
        <button type="button" className="primary" onClick={onNext} data-testid="to-verify">
          {t('common.next', { step: t('nav.verify') })}
        </button>
      )}
      <h3>{t('configure.tools')}</h3>
      {snippets && (
        <>
          {mine.map(toolCard)}
          {others.length > 0 && (
            <details className="other-tools" data-testid="other-tools">
              <summary>{t('configure.otherTools')}</summary>
              {others.map(toolCard)}
            </details>
          )}
        </>
      )}
      {snippets && (
        <>
          <h3>{t('configure.systemStores')}</h3>
          <p>{t('configure.systemStoresIntro')}</p>
          {snippets.systemStores.filter((x) => own(x.id)).map(storeCard)}
          <details className="other-stores">
            <summary>{t('configure.otherStores')}</summary>
            {snippets.systemStores.filter((x) => !own(x.id)).map(storeCard)}
          </details>
        </>
      )}
    </section>
  );
}
