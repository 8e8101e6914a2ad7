/** The proxy source and its notes in the CLI's words: English, naming the CLI's own flags. */
import type { ProxySource } from '../../../shared/detection.js';
import type { ProxyNote, ProxySettingOrigin, WpadProblem } from '../../../shared/proxy-notes.js';

const SETTING: Record<ProxySettingOrigin, string> = {
  windows: 'Windows Internet Settings',
  macos: 'macOS network settings',
  gnome: 'GNOME proxy settings',
  kde: 'KDE proxy settings',
};

/** The setting and the command or file CA Bridge read it from, so the user knows where to change it. */
const READ_FROM: Record<ProxySettingOrigin, string> = {
  windows: 'Windows Internet Settings (HKCU)',
  macos: 'macOS network settings (scutil --proxy)',
  gnome: 'GNOME proxy settings (gsettings)',
  kde: 'KDE proxy settings (kioslaverc)',
};

const PROBLEM: Record<WpadProblem, string> = {
  'too-large': 'larger than the 1 MB limit',
  'http-status': 'the server answered with an error',
  timeout: 'no complete answer in time',
  unreachable: 'the server could not be reached',
  script: 'it does not load as a PAC script',
  certificate: "its server's certificate could not be verified",
};

const GIVE_IT = 'if your browser finds one, give its address with --proxy pac+URL';

/** "(from …)" after the proxy: which setting decided. */
export function proxySourceText(source: ProxySource): string {
  switch (source.kind) {
    case 'option':
      return source.detail === 'direct' ? '--proxy direct' : '--proxy';
    case 'pac':
      return `--proxy pac+${source.detail}`;
    case 'wpad':
      return `the WPAD file ${source.detail}`;
    case 'none':
      return 'no proxy setting found';
    case 'environment':
      return source.detail;
    default:
      // A system setting: its proxy (host:port, or scheme://host:port when not HTTP) or its PAC address (a
      // URL with a path: pacLabel keeps at least "/"); empty when it could not be used.
      if (!source.detail) return READ_FROM[source.kind];
      return `${READ_FROM[source.kind]}: ${/^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i.test(source.detail) ? `PAC ${source.detail}` : source.detail}`;
  }
}

export function proxyNoteText(note: ProxyNote): string {
  switch (note.code) {
    case 'wpad-found':
      return `${SETTING[note.setting]}: automatic proxy detection (WPAD) is on; the file found at ${note.url} decides per site`;
    case 'wpad-not-found':
      return (
        `${SETTING[note.setting]}: automatic proxy detection (WPAD) is on, but no usable WPAD file was found` +
        `${note.timedOut ? ' within 10 s' : ''} (tried ${note.tried.join(', ')}); going on without it: ${GIVE_IT}`
      );
    case 'wpad-no-domain':
      return `${SETTING[note.setting]}: automatic proxy detection (WPAD) is on, but this computer has no DNS domain to search for a WPAD file; ${GIVE_IT}`;
    case 'wpad-file-failed':
      return `the WPAD file ${note.url} was skipped: ${PROBLEM[note.problem]}`;
    case 'wpad-dhcp-not-asked':
      return 'WPAD through DHCP (option 252) was not asked: that needs administrator rights; only DNS was searched';
    case 'pac-unusable':
      return `the PAC file ${note.url} could not be used (${PROBLEM[note.problem]}): as browsers do, every site was reached directly`;
  }
}
