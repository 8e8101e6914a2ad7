import { useTranslation } from 'react-i18next';
import type { AdviceFile, ProxyRelayAdvice, ShellBlock } from '../../../shared/proxy-advice';
import { CopyButton } from './CopyButton';

/** One block of file contents or commands, shown as code with its own copy button. */
function Code({ lines, label, testId }: { lines: readonly string[]; label: string; testId?: string }) {
  const text = lines.join('\n');
  return (
    <div className="snippet">
      <CopyButton text={text} label={label} />
      <pre translate="no" data-testid={testId}>
        {text}
      </pre>
    </div>
  );
}

/** Commands per shell: each block is labelled with the shells it is valid in. */
function ShellBlocks({ blocks, testId }: { blocks: readonly ShellBlock[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <>
      {blocks.map((block) => {
        // Japanese lists with 、: a row of Latin names joined by commas would read as an English phrase.
        const names = block.shells.map((s) => t(`relayShell.${s}`)).join(t('relay.listSeparator'));
        return (
          <div key={block.shells.join()} data-testid={testId} data-shells={block.shells.join(' ')}>
            <p>
              <strong>{names}</strong>
            </p>
            <Code lines={block.lines} label={names} />
          </div>
        );
      })}
    </>
  );
}

/** A file's contents with where it goes, how it merges into an existing file, how to undo it, and what applies it. */
function FileBlock({ file }: { file: AdviceFile }) {
  const { t } = useTranslation();
  return (
    <div data-testid="relay-file-block" data-file={file.code}>
      <h4>{t(`relayFile.${file.code}`)}</h4>
      <p>{t(`relayMerge.${file.merge}`, { path: file.path })}</p>
      <Code lines={file.lines} label={file.path} testId="relay-file" />
      {file.placeholders.length > 0 && (
        <p className="note">{t('relay.placeholders', { tokens: file.placeholders.join(t('relay.listSeparator')) })}</p>
      )}
      {file.apply.length > 0 && (
        <>
          <p>{t('relay.apply')}</p>
          <Code lines={file.apply} label={file.path} />
        </>
      )}
    </div>
  );
}

/**
 * For a proxy that asks for NTLM or Kerberos, which most developer tools cannot answer: a local relay
 * (px, cntlm) with the settings for this proxy, how each tool is pointed at it (this terminal only, or
 * kept with its undo, or in Docker's and WSL's files), and the reminder that the tools still need the
 * inspection CA behind it. Worded here from the engine's codes; code blocks hold only file contents or
 * commands valid in the shells they are labelled with.
 */
export function RelayAdvice({ advice }: { advice: ProxyRelayAdvice }) {
  const { t } = useTranslation();
  return (
    <section className="card relay-advice" aria-labelledby={`relay-${advice.proxy}`} data-testid="relay-advice" data-proxy={advice.proxy}>
      <h3 id={`relay-${advice.proxy}`}>{t('relay.title')}</h3>
      <p>{t('relay.intro')}</p>
      <dl className="facts">
        <dt>{t('relay.proxy')}</dt>
        <dd>
          <code translate="no">{advice.proxy}</code>
        </dd>
        <dt>{t('relay.schemes')}</dt>
        <dd>
          <code translate="no">{advice.schemes.join(', ')}</code>
        </dd>
        <dt>{t('relay.relayUrl')}</dt>
        <dd>
          <code translate="no">{advice.relayUrl}</code>
        </dd>
      </dl>
      {/* Folded: the settings are long, and the verdict's next action must stay in view above them. */}
      <details data-testid="relay-settings">
        <summary>{t('relay.relaysTitle')}</summary>
        {advice.relays.map((relay) => (
          <div key={relay.relay} data-testid="relay" data-relay={relay.relay}>
            <h4>
              <span translate="no">{relay.relay}</span> — {t(`relayFits.${relay.fits}`)}
            </h4>
            <p data-testid="relay-sign-in">{t(`relaySignIn.${relay.signIn}`)}</p>
            <FileBlock file={relay.file} />
            {relay.prepare && (
              <>
                <p>{t('relay.prepare', { file: relay.file.path })}</p>
                <Code lines={[relay.prepare.command]} label={relay.relay} testId="relay-prepare" />
              </>
            )}
            <p>{t('relay.start')}</p>
            <ShellBlocks blocks={relay.start} testId="relay-start" />
          </div>
        ))}
      </details>
      <details data-testid="relay-tools">
        <summary>{t('relay.pointTitle')}</summary>
        <h4>{t('relay.sessionTitle')}</h4>
        <p>{t('relay.sessionNote')}</p>
        <ShellBlocks blocks={advice.session} testId="relay-session" />
        <h4>{t('relay.persistentTitle')}</h4>
        {advice.persistent.map((p) => (
          <div key={p.tool} data-testid="relay-persistent" data-tool={p.tool}>
            <p>
              <strong translate="no">{p.tool}</strong>
            </p>
            <p>{t('relay.show')}</p>
            <Code lines={p.show} label={p.tool} />
            <p>{t('relay.set')}</p>
            <Code lines={p.set} label={p.tool} testId="relay-set" />
            <p>{t('relay.undo')}</p>
            <Code lines={p.undo} label={p.tool} testId="relay-undo" />
          </div>
        ))}
        <h4>{t('relay.filesTitle')}</h4>
        {advice.files.map((file) => (
          <FileBlock key={file.code} file={file} />
        ))}
        {advice.dockerDesktopSetting && (
          <p data-testid="relay-docker-desktop">
            {t('relay.dockerDesktop')} <code translate="no">{advice.relayUrl}</code>
          </p>
        )}
        {advice.caveats.map((caveat) => (
          <p key={caveat} className="note" data-caveat={caveat}>
            {t(`relayCaveat.${caveat}`)}
          </p>
        ))}
      </details>
      {advice.inspectionCaStillNeeded && (
        <p className="note" data-testid="relay-ca-note">
          {t('relay.caNote')}
        </p>
      )}
    </section>
  );
}
