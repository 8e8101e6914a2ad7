import type { DoctorFinding, ExportedCaSource, FixReport } from '../api/results.js';
import type { StoreBackend } from '../detection.js';
import type { FindingDetailKey } from '../diagnose.js';
import type { Counted } from './fill.js';

/**
 * The command line's words (`ca-bridge …`), English. Codes, flags, commands, paths and file names stay
 * as they are in every language; only the prose around them is translated (cli-ja.ts has every key).
 */
export const cliEn = {
  usage:
    'Usage: ca-bridge <command> [options] [--lang en|ja] [--verbose]\n\nCommands:\n{{rows}}\n\n' +
    'Run "ca-bridge help <command>" (or "ca-bridge <command> --help") for its options.\n' +
    '--verbose writes a trail of what happens to stderr (credentials removed).\n' +
    '--lang picks the language of the text (default: from LC_ALL, LC_MESSAGES or LANG); JSON output is the same in every language.\n',
  command: {
    detect: 'tell whether this network inspects TLS, by whom, and with which CA',
    export: 'write the inspection CA (PEM, DER) and a combined bundle into a folder',
    snippets: 'print environment variables and per-tool settings for the export',
    apply: 'write the variables into your shell profile (a marked block, with backup)',
    revert: 'remove what apply wrote, leaving the profile as it was',
    verify: 'prove an export works: per site and with the real tools on this machine',
    check: "diagnose one host's certificate chain: expiry, names, missing intermediates, inspection…",
    explain: 'say what a pasted TLS error means, its likely cause here, and the fix',
    ui: 'open the interface in your browser (127.0.0.1 only, token-protected)',
    doctor: 'find settings that switch verification off or point at a missing or expired CA',
    status: 'is the setup still working? exit codes for scripts and MDM (docs/status.md)',
  },
  usageError: {
    unknownCommand: 'unknown command "{{name}}"',
    unknownOption: 'unknown option {{flag}}',
    didYouMean: 'did you mean "{{suggestion}}"?',
    unexpectedArgument: 'unexpected argument: {{arg}}',
    needsValue: 'option {{flag}} needs a value',
    booleanValue: '{{flag}} is a switch: give it alone, or as {{flag}}=yes or {{flag}}=no (got "{{value}}")',
    notWholeNumber: '{{flag}} "{{value}}" is not a whole number',
    outOfRange: '{{flag}} must be between {{min}} and {{max}} (got {{value}})',
    badLang: '--lang "{{value}}" is not one of en, ja',
    noHost: 'give the HOST[:PORT] to check',
    oneHost: 'one host at a time (got {{hosts}})',
    sniExclusive: '--sni and --no-sni exclude each other',
    revertNoDir: 'revert takes no --dir',
    allIsForRevert: '--all is for revert',
    entryIsForRevert: '--entry is for revert',
    toolsIsForApply: '--tools is for apply; revert takes --tool NAME or --all',
    toolsInstalledOnly: '--tools takes the one word "installed" (or use --tool NAME)',
    revertToolsNoShell: 'revert --all/--tool takes no --shell or --profile',
    noText: 'give the error text as an argument, or pipe it in: some-command 2>&1 | ca-bridge explain',
    noProxyUser: '--proxy-user: give a user name (DOMAIN\\user or user@domain)',
    noPassword: '--proxy-user: set the password in {{variable}}, or run in a terminal to be asked for it',
    portInUse: '--port {{port}}: port {{port}} on 127.0.0.1 is already in use; choose another, or omit --port',
    portDenied: '--port {{port}}: not allowed to listen on port {{port}}; choose one above 1023, or omit --port',
    notBuilt: 'the interface is not built ({{dir}} is missing): run "npm run build"',
    passwordInProxy:
      "--proxy: a password in the proxy address would be visible in the process list, the shell history and the page; give only the user in the address, and type the password in the page's password field",
    /** An engine error the user must correct, named by its flag: the code's words, then the detail as the engine gave it. */
    badValue: '{{what}} ({{detail}})',
    // status, export --refresh, --expect-fingerprint (issue 21)
    badFingerprint: '--expect-fingerprint "{{value}}" is not a SHA-256 fingerprint (64 hex digits, colons optional)',
    expectFingerprintForTools: '--expect-fingerprint is for apply --tool NAME or --tools installed',
    refreshExcludes: '--refresh writes into the folder the ledger records: {{flag}} does not go with it',
    profileNeedsShell: '--profile names the profile for the block: give --shell too, or leave it out',
  },
  passwordPrompt: 'Password for proxy user {{user}}: ',
  /** Each flag's line in a command's help; the flag's syntax comes from the same table the parser reads. */
  flag: {
    targets: 'sites to probe (default: {{count}} public sites from different CA families)',
    proxy:
      'a proxy URL (http://, https:// (TLS to the proxy), socks4://, socks4a://, socks5:// or socks5h:// [user@]host:port, percent-encoded), "direct", a PAC file (pac+http://…, pac+file:///…), or "system" (default: the OS or desktop setting, with a WPAD file found through DNS when it asks for automatic detection; then HTTPS_PROXY/ALL_PROXY, NO_PROXY)',
    'proxy-user':
      'proxy user for NTLM, Basic or SOCKS 5 (SOCKS 4: a user id, empty password; on Windows also Negotiate); the password comes from CA_BRIDGE_PROXY_PASSWORD or a prompt. Not needed on Windows, which signs in as the logged-on user',
    'connect-to': 'connect to A:AP when asked for H:P (repeatable), like curl',
    'public-roots': "PEM file replacing Node's bundled public roots",
    'trust-store': 'PEM file or folder replacing the OS trust store',
    timeout: 'per-site time limit (default {{timeout}})',
    concurrency: 'sites probed at once (default {{concurrency}})',
    json: 'print one JSON document (the same in every language)',
    help: 'show this help',
    lang: 'language of the text: en or ja (default: from LC_ALL, LC_MESSAGES or LANG)',
    out: 'folder to write into (created if missing)',
    from: 'use the CA file IT handed out (PEM, DER .crt/.cer, PKCS#7 .p7b) instead of detecting',
    'no-detect': 'with --from: do not probe to check that the CA signs the inspected chains',
    'accept-untrusted':
      'export a root the proxy sent although the OS does not trust it (compare its SHA-256 fingerprint with the one IT publishes first)',
    force: 'replace existing files (a timestamped .bak copy of each is kept)',
    dir: 'the folder ca-bridge export wrote',
    shell: 'the shell to write for (default: your shell, from SHELL; PowerShell on Windows)',
    tool: 'one tool row (repeatable): {{tools}}',
    tools: 'with the word "installed": every row whose program is on PATH',
    all: 'revert: undo every recorded change, newest first',
    entry: 'revert: undo this one recorded change (repeatable; the ids apply --json and doctor --fix --json report)',
    'confirm-proxy':
      'send the credentials to this proxy although only a WPAD file found on the network names it (repeatable); without it such a proxy gets none (docs/threat-model.md)',
    profile: 'write this file instead of the shell profile',
    'dry-run': 'show the change as a diff, write nothing',
    sni: 'the server name to send (default: the host)',
    'no-sni': 'send no server name',
    ca: 'also check the chain against this CA file',
    'client-cert': 'client certificate (PEM) for servers that ask for one',
    'client-key': 'its private key (PEM)',
    detection: 'a saved "detect --json" report to judge the cause by (default: the last detect)',
    port: 'port to listen on (default: a free one)',
    'no-open': 'do not open the browser, only print the URL',
    cwd: 'the project folder whose own settings files count (.npmrc, .git/config, uv.toml …)',
    fix: 'remove each line that switches verification off, once the tool is proven without it (see above)',
    url: 'with --fix: a site behind the inspection the tools make their proof request to',
    // Issue 18 (prove4): what verify proves.
    prove:
      'what is proven: applied (what apply wrote, as the ledger records it) or session (the settings snippets prints); default: applied when the ledger records a change in effect, else session',
    relay:
      'run the tools through a local relay (px, cntlm) at http://HOST:PORT, which signs in to the proxy for them; the sites are still checked through the proxy itself',
    // Fleet roll-out (issue 21): apply's unattended switch.
    yes: 'unattended: ask nothing (in a terminal, --tools installed otherwise shows its changes and asks first)',
    // status, export --refresh, --expect-fingerprint (issue 21)
    offline: 'read only the ledger and the files; probe no site',
    refresh: 'write the current CA into the folder the ledger records, then rebuild the Java trust store and NSS copies',
    'expect-fingerprint': 'SHA-256 of a CA you expect (repeatable); any other CA is refused and nothing is written',
  },
  /** ui's flags that fill the page's settings. */
  uiPreset: {
    targets: "preset the page's sites to check",
    proxy: "preset the page's proxy (a URL as for detect, without a password: the user types it in the page's password field)",
    'public-roots': "preset the page's public roots file",
    'trust-store': "preset the page's trust store file or folder",
  },
  help: {
    detect:
      'Usage: ca-bridge detect [options]\n\nProbes several HTTPS sites and tells whether this network performs TLS inspection, by whom,\nand which root CA signs the forged certificates.\n\n{{options}}\n\nExit status: 0 when the run completed (whatever the verdict), 2 for bad usage.\n',
    export:
      'Usage: ca-bridge export --out DIR [detect options] [--from FILE] [--accept-untrusted] [--force]\n                        [--expect-fingerprint SHA256]... [--json]\n       ca-bridge export --refresh [detect options] [--expect-fingerprint SHA256]... [--json]\n\nFinds the inspection root CA (from the OS trust store) and writes, into DIR:\n  corporate-ca.pem   the CA (and intermediates the chain needs), each with a comment header\n  corporate-ca.crt   the root in DER, for double-click import on Windows and macOS\n  ca-bundle.pem      public roots + the CA, for tools whose setting REPLACES their default trust\n  corporate-ca-<first 16 hex digits of its SHA-256>.crt\n                     with several inspectors (per PAC route, per proxy, DIRECT): each further trusted\n                     CA in DER; the two PEM files hold every one. An untrusted one is named, not written.\n  ca-bundle-merged.pem\n                     only when a CA file of your own (your PIP_CERT, REQUESTS_CA_BUNDLE…, pip.conf\n                     cert, an npmrc cafile, git http.sslCAInfo) holds roots the bundle lacks: those\n                     roots + the bundle. The session settings point the variables that replace or\n                     outrank your file at it, so no root you trusted is dropped.\n\n--refresh writes the CA the network presents now into the folder the ledger records, with the same\nfile names (the merged bundle too when the export has one), each written atomically through the\nledger with a backup kept; then it rebuilds the Java trust store and puts the new CA into the NSS\ndatabase where CA Bridge had copied the old one (the old copy is taken out). "ca-bridge revert\n--tool export" puts the old files back. System stores are never written.\n--expect-fingerprint (colons optional; repeatable for two CAs): any other CA is refused and nothing\nis written. With --refresh it also stands for --accept-untrusted for exactly that CA.\n\n{{options}}\n\nEvery export is recorded in the ledger (folder, files, fingerprints): "ca-bridge status" checks it.\nExit status: 0 written, 1 no CA could be determined (or it is untrusted without --accept-untrusted, or not\none of --expect-fingerprint), 2 bad usage (also --refresh with no export recorded).\n',
    verify:
      'Usage: ca-bridge verify --dir DIR [--prove applied|session] [detect options] [--json]\n\nProves that an export works: re-probes the sites and checks each chain with the public roots plus\nDIR/corporate-ca.pem (what NODE_EXTRA_CA_CERTS does) and with DIR/ca-bundle.pem alone (what the\nREPLACE settings do). Then runs a real request with each tool found on this machine through the same\nproxy, in your own configuration (environment, HOME, settings files at every level, this folder\'s\nproject files) plus what CA Bridge adds: what "ca-bridge apply" wrote and is still in effect (the\nledger: the profile block\'s variables, each tool\'s own setting, the Java store; the default when there is\nany), else the session settings "ca-bridge snippets" prints (--prove picks one). Proving what apply wrote,\na tool apply configured nothing for is NOT CONFIGURED, with its setting as the next step. Each tool makes\nthe same request again with a CA generated to be wrong (the negative control). A tool that passes its\ncontrol is never a PASS: it is "verification switched off" (the setting is named), "passes by your own\nsetting", or "not proven".\n\n{{options}}\n\nA tool that cannot sign in to the proxy (it offers NTLM or Negotiate and the tool speaks only Basic; only curl\nand git have their own NTLM) is shown PROXY-AUTH: the CA is fine, the tool needs a relay. Tools get your\ncredentials only in a scheme the proxy offered and they can speak, never as Basic beside NTLM/Negotiate.\n\nExit status: 0 when everything that could run passed, 1 when any site or tool failed, has verification\nswitched off, is not proven or cannot sign in to the proxy (PROXY-AUTH), 2 bad usage.\n',
    check:
      'Usage: ca-bridge check HOST[:PORT] [options]\n\nDiagnoses one TLS endpoint: shows the presented chain and lists findings, each with its fix:\n  {{findings}}\n\n{{options}}\n\nExit status: 0 when the endpoint was reached (whatever the findings), 1 when it could not be, 2 bad usage.\n',
    explain:
      'Usage: ca-bridge explain [TEXT] [--detection FILE] [--lang en|ja] [--json]\n       some-command 2>&1 | ca-bridge explain\n\nRecognises the certificate errors of Node/npm, Python/pip, curl, OpenSSL, Git, wget, Java, Go, .NET,\nRuby, Docker, the AWS CLI and browsers anywhere in the text (whole logs and stack traces), and says\nwhat each means, the likely cause on this machine (from the last "ca-bridge detect", or --detection\nFILE) and the fix. Under --json only --lang changes the text fields.\n\n{{options}}\n\nExit status: 0 (also when nothing is recognised), 2 bad usage.\n',
    snippets:
      "Usage: ca-bridge snippets --dir DIR [--shell NAME] [--tool NAME]... [--lang en|ja] [--json]\n\nWithout --tool: prints the environment variables that hand the exported CA to developer tools, for the\ncurrent session only (safe to paste or eval). Each says whether it ADDs to the tool's defaults\n(→ corporate-ca.pem) or REPLACEs them (→ ca-bundle.pem).\nWith --tool: that tool's settings, including commands that change configuration files, each with what it\nchanges and how to undo it. File fragments go to stderr, labelled, never mixed into the shell output.\nNotes are shell comments, except in zsh (interactive zsh runs # lines) where they go to stderr.\nUnder --json only --lang changes the text fields.\n\n{{options}}\n",
    apply:
      "Usage: ca-bridge apply --dir DIR [--shell NAME] [--profile FILE] [--dry-run] [--json]\n       ca-bridge apply --dir DIR --tool NAME... | --tools installed [--yes] [--shell NAME] [--dry-run] [--json]\n       ca-bridge revert [--shell NAME] [--profile FILE] [--dry-run] [--json]\n       ca-bridge revert --all | --tool NAME... | --entry ID... [--dry-run] [--json]\n\napply writes one marked block of environment variables into your shell profile (on Windows with\n--shell cmd: into your user environment). Applying twice changes nothing; a timestamped backup of\nthe file is kept; nothing outside the block is touched. revert removes the block, leaving the file\nbyte for byte as it was before apply.\n  bash: ~/.bash_profile or ~/.profile, zsh: ~/.zshenv, fish: conf.d/ca-bridge.fish,\n  powershell: $PROFILE, cmd: the Windows user environment\n\napply --tool NAME writes that tool's own persistent setting (a line in its user configuration file, or\nthe CA in the user's NSS database) and records it in the ledger (LEDGER in the state folder, see\ndocs/ledger.md); --tools installed does this for every row whose program is on PATH. None needs\nadministrator rights; the profile block is written only with --shell. Rows: {{rows}}.\nrevert --all undoes every recorded change, newest first, byte for byte; revert --tool NAME only that\ntool's; revert --entry ID only those entries (one run's: the ids apply --json reports). A file changed since CA Bridge wrote it is left as it is, and the bytes from before are kept\nbeside it (FILE.ca-bridge-before-STAMP). Exit status 1 when a row failed or a change was left.\n\n{{options}}\n",
    status:
      'Usage: ca-bridge status [detect options] [--offline] [--cwd DIR] [--json]\n\nChecks that what CA Bridge set up still works: the export the ledger records (files there, CA not\nexpiring), every tool setting, NSS entry and Java trust store CA Bridge wrote, no setting that switches\nverification off, and (unless --offline) that the CA the network presents now is the exported one\n(two sites unless --targets). Exit status, for scripts and MDM (docs/status.md):\n  0 healthy   10 the inspection CA changed since the export   11 the exported CA expires within 30 days\n  12 verification is switched off somewhere   13 a configured file or setting is missing or broken\n  14 inspected, but nothing is configured   1 not checked (no site answered) or other failure   2 usage\nSeveral at once: the first of 10, 13, 12, 11, 14; --json lists them all.\n\n{{options}}\n',
    doctor:
      'Usage: ca-bridge doctor [--cwd DIR] [--json]\n       ca-bridge doctor --fix --url https://HOST/ [--dir DIR] [--trust-store PATH] [--cwd DIR] [--json]\n\nReads (never changes) every place your developer tools take their TLS settings from: the environment,\nyour shell profiles, config files at every level (system, user, the project in --cwd, default: this\nfolder, and the files git includes for it), the VS Code settings.json. Reports\nsettings that switch certificate verification off, CA settings that point at a missing, unreadable or\nexpired file, and tools installed here whose CA setting is nowhere. Each finding names the tool, the\nsetting, and the file and line (or the variable).\n\n--fix removes each line that switches verification off, but only for a tool whose CA setting is in\nplace (its file holds a certificate valid today) and proven: the tool makes a request to --url (a site\nbehind the inspection) with just that line masked (it is pointed at a copy of its file without the\nline, the only verify-only configuration used), the line is removed through the ledger, and the tool\nis proven again as it now is (if that fails, the line is put back). "ca-bridge revert --all" puts\nremoved lines back and says which insecure settings that re-enables. Fixable: npm, pnpm, git, pip,\ncurl, wget, Yarn 1 (user-level files), and variables your shell profiles export (bash, zsh, fish,\nPowerShell: NODE_TLS_REJECT_UNAUTHORIZED, GIT_SSL_NO_VERIFY, PIP_TRUSTED_HOST, npm_config_strict_ssl),\nproven without the variable and with the CA variables the profiles give a new shell. VS Code\n"http.proxyStrictSSL": false goes once "http.systemCertificatesNode": true is set and Node with the OS trust\nstore (--trust-store: a PEM file or folder in its place) gets through. With --dir, a CA setting that points at a missing, unreadable or\nexpired file is pointed at that export instead (the line "apply --tool" writes, in the same user\nfile), then proven; put back if the tool fails with it.\n\n{{options}}\n\nExit status: 0 nothing found (or all fixed), 3 findings left, 1 the scan failed, 2 usage error.\n',
    ui: "Usage: ca-bridge ui [--port N] [--no-open] [--proxy URL] [--targets LIST] [--public-roots FILE] [--trust-store PATH]\n\nServes the CA Bridge interface to your browser, on 127.0.0.1 only, for machines where the desktop\napp cannot be installed. Prints a one-time URL: the first page that opens it gets a session for\nthat browser tab (a reload keeps it); the link then stops working. Requests without the session,\nfrom another address, or carrying a foreign Host or Origin header are refused. Stop with Ctrl+C.\nThe preset flags fill the page's settings, so a help desk can hand out one command line.\n\n{{options}}\n",
  },
  detect: {
    /** A sign-in the proxy turned down, per site: SOCKS 5 (RFC 1929) has no 407, so it is worded apart. */
    signInRejected: 'The proxy rejected the sign-in ({{scheme}})',
    socksSignInRejected: 'The proxy rejected the SOCKS 5 user name and password (RFC 1929)',
    verdict: 'Verdict: {{verdict}}',
    verdictWord: { inspected: 'INSPECTED', partial: 'PARTIAL', clean: 'CLEAN', inconclusive: 'INCONCLUSIVE' },
    vendor: 'Product: {{name}} (issuer matches "{{matched}}")',
    ca: 'Inspection CA: {{subject}}',
    fingerprint: '  SHA-256:  {{value}}',
    expires: '  Expires:  {{value}}',
    found: '  Found:    {{value}}',
    caSource: {
      'trust-store': 'in the OS trust store',
      'presented-chain': 'sent by the proxy, NOT in the OS trust store',
      'not-found': 'not found: neither sent by the proxy nor in the OS trust store',
    },
    proxy: 'Proxy: {{proxy}}',
    proxyFrom: 'Proxy: {{proxy}} (from {{source}})',
    direct: 'none (direct connection)',
    noProxySetting: 'Proxy: none: no proxy setting was found, so the sites were reached directly',
    note: '  note: {{note}}',
    routes: 'Routes chosen by the PAC file:',
    store: 'Trust store: {{backend}}, {{state}} (anchors: {{anchors}}, intermediates: {{intermediates}})',
    storeState: { ok: 'read', partial: 'read, with problems', unreadable: 'COULD NOT BE READ: chains cannot be matched to it' },
    storeFrom: '  from:     {{source}}',
    storeProblem: '  problem:  {{source}}: {{reason}}',
    storeMore: { one: '  … and {{count}} more problem', other: '  … and {{count}} more problems' } satisfies Counted,
    evidence: 'Evidence:',
    targets: 'Sites:',
    columns: { site: 'site', status: 'status', public: 'public', store: 'store', ms: 'ms', detail: 'issuer / error' },
    status: {
      inspected: 'inspected',
      clean: 'clean',
      error: 'error',
      'unreachable-via-proxy': 'unreachable-via-proxy',
      'name-mismatch': 'name-mismatch',
    },
    viaProxyPage: 'unreachable through the proxy: it answered with its own error page ({{page}})',
    otherName: 'certificate for another name ({{names}}), issuer {{issuer}}',
    proxyAnswer: 'HTTP {{status}} from {{server}}',
    theProxy: 'the proxy',
    cas: 'Inspection CAs: {{count}} different CAs re-sign sites; tools need every one (export writes each trusted one)',
    caPrimary: ' (primary)',
    caFound: '     Found:    {{value}}',
    caRoute: '     Route {{route}}: {{sites}}',
    pacUnusable: 'Proxy: none: the PAC file could not be used, so direct connections (as browsers do)',
    yes: 'yes',
    no: 'no',
    issuer: 'issuer {{issuer}}',
    cause: 'What went wrong: {{cause}}',
    next: 'Next: {{next}}',
    // A 502/504 to CONNECT: the proxy could not reach the site (it did not refuse it).
    upstreamNext:
      'check that the sites open in your browser; if they do, ask IT which proxy developers should use and give it with --proxy.',
  },
  /** Next steps for the command line (the page's name its own buttons and fields). */
  next: {
    dns: 'give your company\'s proxy with --proxy http://host:port (your browser\'s proxy settings or IT can tell you), then run "ca-bridge detect" again.',
    refused:
      'give your company\'s proxy with --proxy http://host:port (your browser\'s proxy settings or IT can tell you), then run "ca-bridge detect" again.',
    timeout: 'run "ca-bridge detect" again; if it stays the same, give the proxy your browser uses with --proxy.',
    reset: 'give the proxy your browser uses with --proxy, then run "ca-bridge detect" again.',
    unreachable: 'connect to the network (or the company VPN), then run "ca-bridge detect" again.',
    'tls-alert': 'look at one of the sites in detail: ca-bridge check HOST',
    'tls-error': 'look at one of the sites in detail: ca-bridge check HOST',
    'proxy-dns': "correct the proxy's name in --proxy (copy it from your browser's proxy settings).",
    'proxy-refused': "correct the proxy's address and port in --proxy (copy them from your browser's proxy settings).",
    'proxy-auth-required': 'give your proxy user name with --proxy-user (the password in CA_BRIDGE_PROXY_PASSWORD or at the prompt).',
    'proxy-error':
      'the proxy refused these sites: ask IT which proxy developers should use, give it with --proxy, or check sites it allows with --targets.',
    'no-certificate': 'look at what answers in detail: ca-bridge check HOST',
    internal: 'run again with --verbose and send the output to the CA Bridge maintainers.',
  },
  export: {
    exported: 'Exported {{subject}}',
    fingerprint: '  SHA-256: {{value}}',
    expires: '  Expires: {{value}}',
    source: '  Source:  {{value}}',
    sourceWord: {
      'trust-store': 'the OS trust store holds this CA ({{location}}) and it signs the inspected chains',
      'presented-chain': 'the proxy sent this root, but the OS trust store does not trust it: anyone in the middle can present any root',
      imported: 'imported from {{location}}',
    } satisfies Record<ExportedCaSource, string>,
    untrustedWarning: '  WARNING: exported on your confirmation although the OS trust store does not trust it.',
    notSigning: '  WARNING: this CA does NOT sign the chains that were inspected just now: it will not fix the errors.',
    nothingToCompare: '  (No inspected site to check the imported CA against.)',
    files: 'Files:',
    bundleCount: { one: '  {{file}}  ({{count}} certificate)', other: '  {{file}}  ({{count}} certificates)' } satisfies Counted,
    backup: '  backup kept: {{file}}',
    lint: 'CA check:',
    untrustedHint: 'Only if it matches, run again with --accept-untrusted (or ask IT to install the CA).',
    // Issue 24 (CLI in the user's language): several inspection CAs, and the ones not exported.
    otherCa: '  {{file}}  (also in the two files above: {{subject}}, SHA-256 {{fingerprint}})',
    notExportedUntrusted:
      'NOT exported: {{subject}} (SHA-256 {{fingerprint}}) also re-signs sites, but only the proxy vouches for it (the OS trust store does not trust it): compare its fingerprint with the one IT publishes, then use --from FILE. Tools on its route keep failing until then.',
    notExportedMissing:
      'NOT exported: {{subject}} also re-signs sites, but it is neither in the OS trust store nor sent by the proxy: ask IT for it (then use --from FILE). Tools on its route keep failing until then.',
    // verify3: the merged bundle that keeps the user's own roots
    merged: {
      one: '  {{file}}  ({{certificates}} certificates: the bundle + {{added}} from your own CA file {{sources}}, kept for the variables that replace it)',
      other:
        '  {{file}}  ({{certificates}} certificates: the bundle + {{added}} from your own CA files {{sources}}, kept for the variables that replace them)',
    } satisfies Counted,
  },
  /** How serious a finding is, as check, export's CA check and doctor label it. */
  severity: { error: 'ERROR', warning: 'WARNING', info: 'info' },
  verify: {
    sites: 'Sites (extra = public roots + {{pem}}; bundle = {{bundle}} alone):',
    site: '  {{site}} extra {{extra}}  bundle {{bundle}}',
    tools: 'Tools (one request each to {{site}}):',
    noTools: 'Tools: not run, no site could be reached.',
    mark: {
      pass: 'PASS',
      fail: 'FAIL',
      error: 'n/a ',
      'not-found': 'absent',
      skipped: 'skip',
      // Issue 24 (CLI in the user's language): the results added with the negative control and relays.
      'verification-off': 'VERIFICATION OFF',
      'pass-by-user-setting': 'PASS (your setting)',
      unproven: 'NOT PROVEN',
      'not-configured': 'not configured',
      'proxy-auth': 'PROXY-AUTH',
    },
    passed: 'Everything that could run passed.',
    failed: 'Some checks FAILED: see above.',
    nothing: 'Nothing could be verified: no site was reachable.',
    proxyAuth:
      'The CA is fine; the tools marked PROXY-AUTH cannot sign in to the proxy. Next step: run them through a local relay (px or cntlm, below), then verify again with --relay http://127.0.0.1:PORT.',
    notInstalled: '{{tool}} is not installed',
    // Issue 18 (verify proves each route): one request per tool on each inspector's route.
    toolsRoutes: 'Tools (one request each on every route, {{count}} routes):',
    route: '  route {{route}}: {{site}}, re-signed by {{ca}}',
    routeClean: '  route {{route}}: {{site}}',
    toolRoute: 'via {{route}} ({{site}}): {{mark}}',
  },
  check: {
    header: '{{site}}  SNI: {{sni}}  via {{proxy}}  {{protocol}}',
    noSni: '(none)',
    direct: 'direct connection',
    chain: 'Chain as presented:',
    issuer: '      issuer:    {{value}}',
    names: '      names:     {{value}}',
    valid: '      valid:     {{from}} → {{to}}',
    key: '      key:       {{key}}, signed {{signature}}',
    fingerprint: '      SHA-256:   {{value}}',
    trusted: 'Trusted by: public roots {{publicRoots}}, OS trust store {{trustStore}}',
    trustedCa: ', --ca {{ca}}',
    findings: 'Findings:',
    finding: '  {{severity}} {{title}} ({{code}}){{cert}}: {{message}}',
    // The reason in the user's words (a 502 to CONNECT is "could not reach"); English adds the engine's detail.
    // English also shows the engine's own detail (the bound that was reached, the proxy's answer); Japanese words the reason only.
    unreachable: '{{reason}} ({{message}})',
    // Issue 24 (CLI in the user's language): each finding's detail, from the engine's key and parameters.
    role: { server: 'the server certificate', root: 'the root', intermediate: 'an intermediate' },
    withSni: 'with SNI "{{sni}}"',
    withoutSni: 'without SNI',
    detail: {
      expired: '{{role}} "{{name}}" expired on {{date}}: the server must install a renewed certificate',
      'not-yet-valid':
        '{{role}} "{{name}}" is not valid before {{date}}: check this computer\'s clock, or the server was given a certificate too early',
      'expiring-soon': '{{role}} "{{name}}" expires on {{date}}, within {{days}} days',
      'hostname-mismatch': 'the certificate does not cover "{{host}}"; it is valid for: {{names}}',
      'hostname-mismatch-no-san': 'the certificate does not cover "{{host}}"; it is valid for: (no SAN) {{name}}',
      'weak-signature': '{{role}} "{{name}}" is signed with {{algorithm}}, which current clients reject',
      'weak-key': '{{role}} "{{name}}" has a {{bits}}-bit RSA key; {{min}} bits is the minimum clients accept',
      'self-signed': 'the server certificate "{{name}}" is self-signed: only clients told to trust this exact certificate accept it',
      'untrusted-root': 'the chain ends at the root "{{name}}", which neither the public roots nor this computer\'s trust store contain',
      'incomplete-chain':
        'the server did not send the certificate that issued "{{name}}", namely "{{issuer}}" ("unable to verify the first certificate"); and the certificate names no AIA CA Issuers URL to fetch it from. The server should send its intermediate certificates',
      'incomplete-chain-aia':
        'the server did not send the certificate that issued "{{name}}", namely "{{issuer}}" ("unable to verify the first certificate"); its AIA CA Issuers URL {{url}} could supply it, which browsers use but most tools do not. The server should send its intermediate certificates',
      inspected:
        'this connection is TLS-inspected: a proxy re-signed it. Browsers accept it; tools with their own CA list fail until given that CA (ca-bridge export, then ca-bridge snippets)',
      'inspected-anchor':
        'this connection is TLS-inspected: a proxy re-signed it with "{{anchor}}" from this computer\'s trust store. Browsers accept it; tools with their own CA list fail until given that CA (ca-bridge export, then ca-bridge snippets)',
      'inspected-vendor':
        'this connection is TLS-inspected: a {{vendor}} proxy re-signed it. Browsers accept it; tools with their own CA list fail until given that CA (ca-bridge export, then ca-bridge snippets)',
      'inspected-vendor-anchor':
        'this connection is TLS-inspected: a {{vendor}} proxy re-signed it with "{{anchor}}" from this computer\'s trust store. Browsers accept it; tools with their own CA list fail until given that CA (ca-bridge export, then ca-bridge snippets)',
      'clock-ahead':
        "this computer's clock is {{minutes}} minutes ahead of the server's: certificates can look expired or not yet valid; fix the clock",
      'clock-behind':
        "this computer's clock is {{minutes}} minutes behind the server's: certificates can look expired or not yet valid; fix the clock",
      'sni-dependent':
        'the server presents a different certificate {{other}} ("{{otherSubject}}") than {{this}} ("{{subject}}"): clients that send no SNI (old Java, some scripts) see the wrong one',
      'client-cert-missing':
        'the server requires a client certificate and none was given: pass --client-cert and --client-key (the certificate your organisation issued you)',
      'client-cert-rejected': 'the server rejected the client certificate: {{reason}}',
      'client-cert-hung-up':
        'the handshake completed, but the server hung up without answering: it most likely rejected the client certificate (not issued by a CA it accepts, or expired)',
      'client-cert-accepted': 'the handshake succeeded with the client certificate given, and the server answered',
      'ca-file-verifies': 'the chain verifies with {{file}}',
      'ca-file-fails': 'the chain does NOT verify with {{file}}: {{reason}}',
      ok: 'no problem found: the chain is complete, valid and trusted, and covers the host name',
    } satisfies Record<FindingDetailKey, string>,
  },
  explain: {
    none: 'No known certificate error found.',
    matched: '  matched: {{value}}',
    cause: '  Cause: {{value}}',
    here: '  Here: {{value}}',
    fix: '  Fix: {{value}}',
    settings: '  Settings: {{value}}',
  },
  snippets: {
    perTool: 'Per-tool settings (some change configuration files): ca-bridge snippets --dir DIR --tool NAME ({{tools}})',
    appliesTo: 'Applies to: {{versions}}. Checked against: {{reference}}',
    session: 'This session only:',
    persistent: 'Persistent: {{changes}}',
    admin: ' (needs administrator rights)',
    undo: 'Undo: {{undo}}',
    linuxShell: '(run in a Linux shell, e.g. inside WSL)',
    fragment: '--- {{format}} fragment, not a command: {{path}} ---',
  },
  apply: {
    toolFailed: '{{tool}}: not applied: {{error}}',
    toolAlreadySet: '{{tool}}: already set ({{setting}}) in {{where}}',
    toolWouldSet: '{{tool}}: would set {{setting}} in {{where}} (dry run):',
    toolSet: '{{tool}}: set {{setting}} in {{where}}',
    toolSetBackup: '{{tool}}: set {{setting}} in {{where}} (backup: {{backup}})',
    noTool: 'No tool to configure was found on PATH.',
    recorded: 'Recorded in {{ledger}}; "ca-bridge revert --all" undoes it.',
    nothingRecorded: 'Nothing recorded to undo in {{ledger}}.',
    undone: {
      restored: 'put back byte for byte',
      'block-removed': 'changed since: only the ca-bridge block was taken out, your edits kept',
      'nothing-happened': 'an interrupted run had not changed it: nothing to undo',
      'entry-removed': 'entry removed',
      'already-gone': 'already gone (removed by someone else): nothing to undo',
      'changed-since': 'NOT undone: changed since CA Bridge wrote it; left as it is',
      failed: 'NOT undone: the database could not be read or changed; the change stays recorded for a later try',
      'would-undo': 'would be undone (dry run)',
    },
    keptBefore: "  the content from before CA Bridge's change is kept in {{file}}",
    reenables: '  this re-enables an insecure setting doctor --fix had removed: {{setting}}',
    previousValue: "  before CA Bridge's change it was: {{value}}",
    undoError: '  certutil said: {{error}}',
    undoFailed: {
      one: '{{count}} change could not be undone; nothing of it was lost, run "ca-bridge revert --all" again once the cause is fixed',
      other: '{{count}} changes could not be undone; nothing of them was lost, run "ca-bridge revert --all" again once the cause is fixed',
    } satisfies Counted,
    left: {
      one: '{{count}} change left because the file changed since; compare the kept copy and edit by hand',
      other: '{{count}} changes left because the files changed since; compare the kept copies and edit by hand',
    } satisfies Counted,
    alreadyApplied: 'Already applied to {{where}}: nothing changed.',
    nothingToRemove: 'No ca-bridge settings in {{where}}: nothing to remove.',
    wouldChange: 'Would change {{where}} (dry run, nothing written):',
    applied: 'Applied to {{where}}.',
    removed: 'Removed from {{where}}.',
    removedFile: 'Removed from {{where}} (the file apply had created was removed).',
    backup: 'Backup of the previous file: {{file}}',
    reopen: 'Open a new terminal (and restart editors) for it to take effect.',
    set: 'set {{name}}: {{from}} -> {{to}}',
    wouldSet: 'would set {{name}}: {{from}} -> {{to}}',
    unset: '(unset)',
    kept: 'kept {{name}}: it was changed after apply',
    broadcast: 'Read back from the registry and announced to running programs: new terminals see it.',
    noBroadcast: 'Read back from the registry, but running programs could not be told: sign out and in for new terminals to see it.',
    // Fleet roll-out (issue 21): the question --tools installed asks in a terminal, unless --yes.
    confirmInstalled: 'Apply these changes? [y/N] ',
    declined: 'Nothing applied (answered no). Scripts and MDM tools pass --yes.',
  },
  status: {
    healthy: 'Status: healthy (exit 0)',
    problems: 'Status: {{problems}} (exit {{code}})',
    export: 'Export: {{dir}} (recorded {{at}})',
    noExport: 'Export: none recorded',
    ca: '  CA: {{subject}}  SHA-256 {{fingerprint}}  expires {{notAfter}}',
    network: 'Network: {{inspected}} inspected, {{clean}} clean, {{unreachable}} unreachable',
    notChecked: 'Network: no site could be reached; the CA was not compared',
    notCheckedStatus:
      'Status: not checked (exit {{code}}): no site answered, so the CA the network uses was not compared; run it again on the company network, or with --offline to check only the files',
    offline: 'Network: not probed (--offline)',
    configured: {
      one: 'Checked: {{count}} place CA Bridge configured',
      other: 'Checked: {{count}} places CA Bridge configured',
    } satisfies Counted,
    problem: {
      'ca-changed': 'the inspection CA changed since the export',
      'ca-expiring': 'the exported CA expires soon',
      'verification-off': 'certificate verification is switched off',
      'config-broken': 'a configured file or setting is broken',
      'not-configured': 'inspected, but nothing is configured',
    },
    changed: '[10] the network now presents {{subject}} (SHA-256 {{fingerprint}}) on {{sites}}; the export holds {{exported}}',
    changedFix: '     fix: ca-bridge export --refresh',
    expiring: '[11] the exported CA {{subject}} (SHA-256 {{fingerprint}}) ends {{notAfter}} (days left: {{days}})',
    expiringFix: '     fix: ask IT for the renewed CA, then ca-bridge export --refresh',
    off: '[12] {{tools}}: {{setting}} = {{value}} ({{where}}) switches verification off',
    offFix: '     fix: ca-bridge doctor --fix --url https://HOST/',
    broken: '[13] {{tool}}: {{where}}: {{why}}',
    brokenWhy: {
      missing: 'missing',
      unreadable: 'cannot be read',
      'setting-removed': "CA Bridge's setting is no longer in it",
      'other-ca': 'holds a CA the export does not hold',
      changed: 'changed since CA Bridge wrote it',
      // Issue 18 (prove4): the merged bundle lost a root of the user's own CA files.
      'roots-missing': 'lacks a certificate of your own CA files',
    },
    brokenFix: '     fix: ca-bridge export --refresh (export files, Java, NSS) or ca-bridge apply --tool {{tool}}',
    notConfigured: '[14] {{sites}} inspected, but CA Bridge has configured nothing',
    notConfiguredFix: '     fix: ca-bridge export --out DIR, then ca-bridge apply --dir DIR --tools installed',
    unknown: '(unknown)',
  },
  refresh: {
    written: 'Refreshed {{dir}} with {{subject}} (SHA-256 {{fingerprint}}); before: {{previous}}',
    retired: '{{tool}}: took the old CA {{what}} out of {{where}}',
    recorded: 'Recorded in {{ledger}}; "ca-bridge revert --tool export" puts the old files back.',
  },
  // Issue 24 (CLI in the user's language): doctor's report.
  doctor: {
    severity: { high: 'high', medium: 'medium', info: 'info' },
    nothing: 'Nothing found: no setting switches verification off, every CA setting points at a valid file.',
    inEnvironment: ' (environment variable)',
    at: ' at {{place}}',
    fixLabel: 'fix: {{fix}}',
    notRead: 'not read: {{file}} ({{problem}})',
    fixHeading: '--fix (each proof ran with only the insecure line masked, against {{url}}):',
    revertHint: '"ca-bridge revert --all" puts the removed lines back (it re-enables those insecure settings).',
    urlDirForFix: '--url and --dir are for --fix',
    // Issue 20 (scan4): a shell profile's line removed by --fix.
    newShell: '    new shells no longer set {{setting}}; this terminal still has it until you open a new one',
    // fix6: a profile's CA variable repointed.
    newShellValue: '    new shells get the new {{setting}}; this terminal keeps the old value until you open a new one',
    meaning: {
      'verification-off': "certificate verification is switched off: any certificate, an attacker's too, is accepted",
      'ca-file-missing': 'the CA file it names does not exist: the tool fails or falls back',
      'ca-file-unreadable': 'the CA file it names cannot be read',
      'ca-file-no-certificate': 'the file it names holds no certificate',
      'ca-file-expired': 'every certificate in the file it names has expired',
      'not-configured': 'installed, but no CA setting found for it',
    } satisfies Record<DoctorFinding['kind'], string>,
    fix: {
      'verification-off': 'hand the tool the CA ("ca-bridge apply --tool {{tool}}"), prove it ("ca-bridge verify"), then remove this line',
      'ca-file-missing': 'export again and re-apply ("ca-bridge export", then "ca-bridge apply --tool {{tool}}")',
      'ca-file-unreadable': "fix the file's permissions, or export again and re-apply",
      'ca-file-no-certificate': 'point the setting at the exported ca-bundle.pem ("ca-bridge apply --tool {{tool}}")',
      'ca-file-expired': 'export the current CA and re-apply ("ca-bridge export", "ca-bridge apply --tool {{tool}}")',
      'not-configured': 'ca-bridge apply --tool {{tool}}',
    } satisfies Record<DoctorFinding['kind'], string>,
    fixed: {
      removed: 'removed (proven with the line masked, and again after)',
      repointed: 'pointed at the export (--dir) and proven',
      'ca-not-in-place': 'left: the CA setting is not in place; run "ca-bridge apply --tool" first',
      'not-proven': 'left: with the line masked the tool did not get through',
      'put-back': 'put back: after removing it the tool failed',
      'cannot-mask': 'left: this file cannot be masked for a proof; remove it by hand after "ca-bridge verify"',
      'changed-meanwhile': 'left: the file changed meanwhile; run doctor again',
      'not-a-file': 'left: a variable; remove it where it is set',
      'not-supported': 'left: --fix cannot prove this tool yet',
      // fix6: repointing writes only the finding's own line.
      'cannot-repoint': 'left: this line holds more than the setting; point it at the exported file by hand',
      'proxy-refused': "left: the proxy refused the proof's sign-in (407); check the proxy user and password, then run --fix again",
      'proxy-sign-in':
        'left: the proof cannot sign in to the proxy (it asks only for a scheme such as NTLM that this tool does not speak; your password is never sent as Basic); prove it through a local relay (px, cntlm)',
    } satisfies Record<FixReport['outcome'], string>,
  },
  // Issue 24 (npm start in the user's language): build/ensure-electron.mjs and electron-download-advice.mjs.
  firstRun: {
    downloading: 'Downloading Electron (first start only)…',
    notTrusted: "Electron could not be downloaded: the server's certificate was not trusted ({{cause}}).",
    checked: 'CA Bridge checked {{host}}: this network inspects TLS. The proxy re-signs HTTPS with',
    checkedBy: 'CA Bridge checked {{host}}: this network inspects TLS by {{vendor}}. The proxy re-signs HTTPS with',
    caLine: '  {{subject}} (SHA-256 {{fingerprint}})',
    unknownFingerprint: 'unknown',
    inStore: "  which is installed in this computer's trust store (IT put it there), but Node does not read that store.",
    notInStore: "  which is NOT in this computer's trust store: ask IT for this CA certificate file.",
    likely: 'This network most likely inspects TLS: a company proxy re-signs HTTPS with its own CA, which Node does\nnot trust by default.',
    fixWith: 'Fix it with one of these, then run npm start again:',
    trustOsCa: '      (CA Bridge exports the CA from the OS store to a temporary file and retries with it)',
    useSystemCa: '      (Node 22.15 or later: trust the OS store, once IT has installed the company CA there)',
    extraCa: '      (the CA file from IT, or one exported by CA Bridge on another machine)',
    mirrorCommand: '  ELECTRON_MIRROR=https://<your company mirror>/electron/ npm start',
    mirror: '      (if your company mirrors Electron releases)',
    offline:
      'Electron could not be downloaded: the download server could not be reached ({{cause}}).\nThis computer has no internet connection, or only a proxy may be used: set it for the download\n(HTTPS_PROXY=http://proxy:port ELECTRON_GET_USE_PROXY=1 npm start), or point ELECTRON_MIRROR at a mirror your company provides.',
    proxy:
      'Electron could not be downloaded: the proxy refused the download ({{cause}}).\nA 407 asks for a sign-in the installer cannot give; a 403 means the proxy blocks the download. Ask IT for\na mirror of Electron releases (ELECTRON_MIRROR), or download on another network once.',
    download:
      "Electron could not be downloaded: the server answered, but not with Electron's archive ({{cause}}).\nA filtering proxy or a wrong ELECTRON_MIRROR can do this.",
    other: 'Electron could not be downloaded: {{cause}}',
    noError: 'no error was reported',
    helperEnded: 'the download helper ended with status {{status}}',
    fallback: 'Or use the same interface in your browser, no download needed:',
    notAsked: '(To retry with it without being asked: CA_BRIDGE_TRUST_OS_CA=1 npm start)',
    askRetry: 'Retry the download trusting this CA from the OS store (for this download only)? [y/N] ',
    retrying: 'Retrying with NODE_EXTRA_CA_CERTS={{file}} (a temporary copy of the CA, removed afterwards)…',
    stillFailing: 'The retry with the CA from the OS store still failed the certificate check.',
    fixedBut: 'The CA fixed the certificate error, but:',
    browserMode: 'Electron cannot be had right now: opening the same interface in your browser instead (ca-bridge ui).',
  },
  ui: {
    running:
      'CA Bridge is running at\n  {{url}}\nThis link works once, in one browser tab (a reload keeps working). Keep it to yourself until then. Press Ctrl+C to stop.\n',
  },
  credentials: {
    sent: 'Credentials: sent to proxy {{proxy}} as {{scheme}}',
    cleartext:
      '  WARNING: Basic sends the user name and password readable to anyone on the network path to {{proxy}} (a plain-http proxy); prefer an https:// proxy address or NTLM/Kerberos if the proxy offers them',
    held: 'Credentials: NOT sent to proxy {{proxy}}, which asked for them: {{why}}. If you trust it, run again with --confirm-proxy {{hostPort}}',
    hold: {
      wpad: 'only a WPAD file found on the network named it',
      'unknown-pac': 'the proxy setting that chose it cannot be told apart from WPAD',
    },
  },
  proxySource: {
    'option-direct': '--proxy direct',
    option: '--proxy',
    pac: '--proxy pac+{{detail}}',
    wpad: 'the WPAD file {{detail}}',
    environment: '{{detail}}',
    system: '{{setting}}',
    systemDetail: '{{setting}}: {{detail}}',
    systemPac: '{{setting}}: PAC {{detail}}',
    setting: {
      windows: 'Windows Internet Settings (HKCU)',
      macos: 'macOS network settings (scutil --proxy)',
      gnome: 'GNOME proxy settings (gsettings)',
      kde: 'KDE proxy settings (kioslaverc)',
    },
  },
  proxyNote: {
    'wpad-found': '{{setting}}: automatic proxy detection (WPAD) is on; the file found at {{url}} decides per site',
    'wpad-not-found':
      '{{setting}}: automatic proxy detection (WPAD) is on, but no usable WPAD file was found (tried {{tried}}); going on without it: if your browser finds one, give its address with --proxy pac+URL',
    'wpad-not-found-timeout':
      '{{setting}}: automatic proxy detection (WPAD) is on, but no usable WPAD file was found within 10 s (tried {{tried}}); going on without it: if your browser finds one, give its address with --proxy pac+URL',
    'wpad-no-domain':
      '{{setting}}: automatic proxy detection (WPAD) is on, but this computer has no DNS domain to search for a WPAD file; if your browser finds one, give its address with --proxy pac+URL',
    'wpad-file-failed': 'the WPAD file {{url}} was skipped: {{problem}}',
    'wpad-dhcp-not-asked': 'WPAD through DHCP (option 252) was not asked: that needs administrator rights; only DNS was searched',
    'pac-unusable': 'the PAC file {{url}} could not be used: {{problem}} As browsers do, every site was reached directly.',
    'pac-failed': 'the PAC file {{url}} gave no answer for {{sites}}: {{problem}} As browsers do, those sites were reached directly.',
  },
  // Issue 24 (i18n4): the trust store's reader, named in the user's language.
  storeBackend: { file: 'file', windows: 'Windows', linux: 'Linux', macos: 'macOS', none: 'none' } satisfies Record<StoreBackend, string>,
  relay: {
    asks: 'Proxy {{proxy}} asks for {{schemes}}, which npm, pip, git, Docker and most curl builds cannot answer.',
    run: '  Run a local relay that signs in for them on {{url}}:',
    relay: '  - {{relay}} ({{fits}}); {{signIn}}',
    file: '{{name}} ({{merge}}):',
    placeholders: '  replace {{tokens}} with your own sign-in before saving',
    apply: '  then apply it (and again after undoing):',
    prepare: '    once, before the first start (asks for the password; add only its PassNTLMv2 line to {{file}}):',
    start: '    start it (runs until Ctrl+C):',
    point: '  Then point each tool at the relay.',
    session: '  For this terminal only (npm, pip, git, curl and Docker read these; nothing is saved):',
    persistent: "  To keep it instead (changes the tool's own settings; note the current value first, the undo removes the setting):",
    current: '      current value:',
    set: '      set:',
    undo: '      undo:',
    files: '  Docker and WSL:',
    dockerDesktop:
      '    Docker Desktop pulls images through its own setting: Settings > Resources > Proxies > Manual proxy configuration, {{url}}',
    caNote:
      '  The relay only signs in: the inspecting proxy still re-signs TLS, so every tool still needs the inspection CA (ca-bridge export).',
    and: ' and ',
  },
};

export type CliMessages = typeof cliEn;
