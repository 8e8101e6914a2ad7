/**
 * Advice for a proxy that asks for NTLM, Negotiate (Kerberos) or another scheme most developer tools
 * cannot answer (npm, pip, git and curl builds without SSPI or GSSAPI, Docker, WSL): run a local
 * relay that authenticates for them, and point each tool at the relay. Data only (codes and
 * parameters); each front door words it. The relay changes nothing about TLS inspection: the tools
 * still need the inspection CA.
 */

export interface RelaySetting {
  relay: 'px' | 'cntlm';
  /** Why this relay fits (e.g. only px speaks Kerberos). */
  fits: 'sso-and-ntlm-and-kerberos' | 'ntlm-only';
  /** The configuration file's name and contents, for this proxy. */
  file: string;
  lines: string[];
  /** One command that starts it (after the file is in place). */
  start: string;
}

export interface ToolPointer {
  tool: 'npm' | 'pip' | 'git' | 'curl' | 'docker' | 'wsl' | 'environment';
  /** Command or file line that points the tool at the relay. */
  commands: string[];
  /** A code for a caveat the front door explains (e.g. containers cannot reach the host's 127.0.0.1). */
  caveat: 'container-loopback' | 'wsl-nat-loopback' | null;
}

export interface ProxyRelayAdvice {
  code: 'use-local-relay';
  /** The upstream proxy, host:port (never credentials). */
  proxy: string;
  /** Schemes the proxy offered. */
  schemes: string[];
  /** Where the relay listens. */
  relayUrl: string;
  relays: RelaySetting[];
  tools: ToolPointer[];
  /** Always true: the relay authenticates, the inspecting proxy behind it still re-signs TLS. */
  inspectionCaStillNeeded: true;
}

export const RELAY_PORT = 3128;

/** Schemes that tools such as npm, pip and Docker cannot answer by themselves. */
export function needsRelay(schemes: readonly string[]): boolean {
  return schemes.some((s) => !/^basic$/i.test(s));
}

/** User names stay placeholders: credentials never reach output, and the relay asks for its own. */
export function relayAdvice(proxy: string, schemes: readonly string[]): ProxyRelayAdvice {
  const relayUrl = `http://127.0.0.1:${RELAY_PORT}`;
  const kerberos = schemes.some((s) => /^negotiate$/i.test(s));
  const ntlm = schemes.some((s) => /^ntlm$/i.test(s));
  const relays: RelaySetting[] = [
    {
      relay: 'px',
      fits: 'sso-and-ntlm-and-kerberos',
      file: 'px.ini',
      lines: [
        '[proxy]',
        `server = ${proxy}`,
        'listen = 127.0.0.1',
        `port = ${RELAY_PORT}`,
        `auth = ${kerberos && ntlm ? 'ANY' : kerberos ? 'NEGOTIATE' : ntlm ? 'NTLM' : 'ANY'}`,
        // On Windows px uses the logged-on user (SSPI) and needs no user name; elsewhere a Kerberos
        // ticket, or a user whose password px keeps in the OS keyring (px --username=… --password).
      ],
      start: 'px --config=px.ini',
    },
  ];
  if (ntlm) {
    relays.push({
      relay: 'cntlm',
      fits: 'ntlm-only',
      file: 'cntlm.conf',
      lines: [
        'Username user',
        'Domain DOMAIN',
        `Proxy ${proxy}`,
        `Listen 127.0.0.1:${RELAY_PORT}`,
        'Auth NTLMv2',
        '# PassNTLMv2: paste the hash printed by: cntlm -H -c cntlm.conf (never the clear password)',
      ],
      start: 'cntlm -c cntlm.conf -f',
    });
  }
  const tools: ToolPointer[] = [
    { tool: 'environment', commands: [`HTTPS_PROXY=${relayUrl}`, `HTTP_PROXY=${relayUrl}`, 'NO_PROXY=localhost,127.0.0.1'], caveat: null },
    { tool: 'npm', commands: [`npm config set proxy ${relayUrl}`, `npm config set https-proxy ${relayUrl}`], caveat: null },
    { tool: 'pip', commands: [`pip config set global.proxy ${relayUrl}`], caveat: null },
    { tool: 'git', commands: [`git config --global http.proxy ${relayUrl}`], caveat: null },
    { tool: 'curl', commands: [`curl --proxy ${relayUrl} https://…`], caveat: null },
    {
      tool: 'docker',
      commands: [
        `~/.docker/config.json: {"proxies": {"default": {"httpsProxy": "http://host.docker.internal:${RELAY_PORT}", "httpProxy": "http://host.docker.internal:${RELAY_PORT}"}}}`,
        `the Docker daemon (image pulls): Environment="HTTPS_PROXY=${relayUrl}" in a systemd drop-in for docker.service, or Docker Desktop > Settings > Resources > Proxies`,
      ],
      caveat: 'container-loopback',
    },
    {
      tool: 'wsl',
      commands: ['%UserProfile%\\.wslconfig: [wsl2] networkingMode=mirrored', `then, inside WSL: export HTTPS_PROXY=${relayUrl}`],
      caveat: 'wsl-nat-loopback',
    },
  ];
  return { code: 'use-local-relay', proxy, schemes: [...schemes], relayUrl, relays, tools, inspectionCaStillNeeded: true };
}
