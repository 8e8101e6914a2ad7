/**
 * Hostile PAC scripts, as a network (a WPAD answer, a compromised PAC server) could serve them. Each
 * attacks one bound of the evaluator: CPU outside the VM (shExpMatch turned into a backtracking
 * RegExp by pac-resolver), CPU inside it (the script's own regex), memory (kept and endless), the
 * terminal (alert and return text with escapes), output size, and time (a script that never returns).
 * Used by the CLI, browser-mode and desktop tests (pac-hostile*.test.ts) and by `npm run bench`.
 */
import type { Lab } from '../lab/lab.js';

/** 3,000 characters against five stars: days of backtracking for a RegExp, microseconds for a linear matcher. */
const LONG_A = 'var s = ""; for (var i = 0; i < 3000; i++) s += "a";';

export const HOSTILE_PACS: Record<string, string> = {
  'glob-backtracking': `function FindProxyForURL(url, host) {
    ${LONG_A}
    return shExpMatch(s, "*a*a*a*a*a*b") ? "PROXY never.example:1" : "DIRECT";
  }`,
  // pac-resolver passes regex syntax through shExpMatch: this "shell expression" is a nested quantifier.
  'glob-regex-syntax': `function FindProxyForURL(url, host) {
    var s = ""; for (var i = 0; i < 40; i++) s += "a";
    return shExpMatch(s + "!", "(a+)+b") ? "PROXY never.example:1" : "DIRECT";
  }`,
  // Polynomial is not free: a star before 131,072 literal characters, against 262,144 characters, is
  // about 10^10 steps on the host, past any deadline; only terminating the evaluator's thread stops it.
  'glob-huge': `function FindProxyForURL(url, host) {
    var s = "a";
    while (s.length < 131072) s = s + s;
    return shExpMatch(s + s, "*" + s + "b") ? "PROXY never.example:1" : "DIRECT";
  }`,
  'regex-backtracking': `function FindProxyForURL(url, host) {
    var s = ""; for (var i = 0; i < 40; i++) s += "a";
    return /^(a+)+$/.test(s + "!") ? "PROXY never.example:1" : "DIRECT";
  }`,
  // The shape of the review's 1.16 GB run: 300 strings of 1 MB kept alive across calls.
  'alloc-retained': `var kept = [];
  function FindProxyForURL(url, host) {
    for (var i = 0; i < 300; i++) kept.push(new Array(1024 * 1024 + 1).join(String.fromCharCode(97 + (i % 26))));
    return "DIRECT";
  }`,
  // The fastest allocation QuickJS offers: 8 MB arrays, without end.
  'alloc-endless': `function FindProxyForURL(url, host) {
    var a = [];
    for (var i = 0; ; i++) a.push(new Array(1024 * 1024).fill(i));
  }`,
  'alert-escapes': `function FindProxyForURL(url, host) {
    alert("\\u001b]0;owned\\u0007\\u001b[2J\\u001b[32mALL GOOD\\u001b[0m\\u009b31m\\r\\u202e");
    for (var i = 0; i < 100; i++) alert("again " + i);
    return "DIRECT";
  }`,
  'huge-return': `function FindProxyForURL(url, host) {
    var s = "PROXY \\u001b[2J.example:1; ";
    while (s.length < 30 * 1024 * 1024) s = s + s;
    return s;
  }`,
  'never-returns': `function FindProxyForURL(url, host) { for (;;) {} }`,
};

/** A corpus script that announces its start through alert() (which reaches the operation's log), then goes on as before. */
export function announcedPac(name: string): string {
  return `${HOSTILE_PACS[name]!.replace('function FindProxyForURL', 'function Hostile')}
  function FindProxyForURL(url, host) { alert("evaluation started"); return Hostile(url, host); }`;
}

/** The detect input of browser mode and the desktop app for one lab site through a PAC file. */
export function detectThroughPac(lab: Lab, pacUrl: string) {
  return {
    targets: lab.hosts[0]!,
    proxy: `pac+${pacUrl}`,
    connectTo: lab.connectTo,
    publicRootsFile: lab.publicRootsFile,
    trustStorePath: lab.publicRootsFile,
    timeoutMs: 4000,
  };
}

/** The escape and control bytes none of our output may carry from a script (ESC, BEL, CSI, bidi override). */
export const TERMINAL_CONTROL = /[\u0007\u001b\u009b\u202e]/;
