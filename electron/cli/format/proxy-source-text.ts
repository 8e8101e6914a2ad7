/** The proxy source and its notes in the command line's words, naming the CLI's own flags. */
import type { ProxySource } from '../../../shared/detection.js';
import { fill } from '../../../shared/i18n/fill.js';
import type { ProxyNote } from '../../../shared/proxy-notes.js';
import type { Messages } from '../language.js';

/** "(from …)" after the proxy: which setting decided. */
export function proxySourceText(w: Messages, source: ProxySource): string {
  const s = w.cli.proxySource;
  switch (source.kind) {
    case 'option':
      return source.detail === 'direct' ? s['option-direct'] : s.option;
    case 'pac':
    case 'wpad':
    case 'environment':
      return fill(s[source.kind], { detail: source.detail });
    case 'none':
      return w.proxyFrom.none;
    default: {
      // A system setting: its proxy (host:port, or scheme://host:port when not HTTP) or its PAC address (a
      // URL with a path: pacLabel keeps at least "/"); empty when it could not be used.
      const setting = s.setting[source.kind];
      if (!source.detail) return fill(s.system, { setting });
      const pac = /^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i.test(source.detail);
      return fill(pac ? s.systemPac : s.systemDetail, { setting, detail: source.detail });
    }
  }
}

export function proxyNoteText(w: Messages, note: ProxyNote): string {
  const n = w.cli.proxyNote;
  switch (note.code) {
    case 'wpad-found':
      return fill(n['wpad-found'], { setting: w.proxyFrom[note.setting], url: note.url });
    case 'wpad-not-found':
      return fill(note.timedOut ? n['wpad-not-found-timeout'] : n['wpad-not-found'], {
        setting: w.proxyFrom[note.setting],
        tried: note.tried.join(', '),
      });
    case 'wpad-no-domain':
      return fill(n['wpad-no-domain'], { setting: w.proxyFrom[note.setting] });
    case 'wpad-file-failed':
      return fill(n['wpad-file-failed'], { url: note.url, problem: w.wpadProblem[note.problem] });
    case 'wpad-dhcp-not-asked':
      return n['wpad-dhcp-not-asked'];
    case 'pac-unusable':
      return fill(n['pac-unusable'], { url: note.url, problem: w.wpadProblem[note.problem] });
    case 'pac-failed':
      return fill(n['pac-failed'], { url: note.url, sites: note.sites.join(', '), problem: w.wpadProblem[note.problem] });
  }
}
