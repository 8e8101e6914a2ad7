import { useTranslation } from 'react-i18next';
import type { ProxyRelayAdvice } from '../../../shared/proxy-advice';
import { CopyButton } from './CopyButton';

/** One block of settings or commands, shown as code with its own copy button. */
function Code({ text, label, testId }: { text: string; label: string; testId?: string }) {
  return (
    <div className="snippet">
      <CopyButton text={text} label={label} />
      <pre translate="no" data-testid={testId}>
        {text}
      </pre>
    </div>
  );
}

/**
 * For a proxy that asks for NTLM or Kerberos, which most developer tools cannot answer: a local relay
 * (px, cntlm) with the settings for this proxy, how each tool is pointed at it, and the reminder that
 * the tools still need the inspection CA behind it. Worded here from the engine's codes.
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
            <p>
              {t('relay.settingsFile')}: <code translate="no">{relay.file}</code>
            </p>
            <Code text={relay.lines.join('\n')} label={relay.file} testId="relay-file" />
            <p>{t('relay.start')}:</p>
            <Code text={relay.start} label={relay.relay} testId="relay-start" />
          </div>
        ))}
      </details>
      <details data-testid="relay-tools">
        <summary>{t('relay.pointTitle')}</summary>
        {advice.tools.map((tool) => (
          <div key={tool.tool} data-testid="relay-tool" data-tool={tool.tool}>
            <p>
              <strong translate={tool.tool === 'environment' ? undefined : 'no'}>{t(`relayTool.${tool.tool}`)}</strong>
            </p>
            <Code text={tool.commands.join('\n')} label={t(`relayTool.${tool.tool}`)} />
            {tool.caveat && <p className="note">{t(`relayCaveat.${tool.caveat}`)}</p>}
          </div>
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
