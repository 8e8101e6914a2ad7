import type { ProofKind } from '../../../shared/guidance/tools.js';

/** An HTTP status line at the start of a line: "HTTP/1.1 404 Not Found", "HTTP 200". */
const STATUS_LINE = /^HTTP(?:\/\d(?:\.\d)?)? [1-5]\d\d\b/m;

/**
 * git's curl trace: the request line git sends inside the tunnel (the CONNECT request is not a GET),
 * then a response status line received after it. Only a verified TLS connection gets that far.
 */
function gitGotAnswer(stderr: string): boolean {
  const sent = stderr.search(/=> Send header: GET \/\S*info\/refs/);
  return sent >= 0 && /<= Recv header: HTTP\/\S+ [1-5]\d\d\b/.test(stderr.slice(sent));
}

/** cargo's libcurl debug log (CARGO_HTTP_DEBUG): the same order as git's, in its own wording. */
function cargoGotAnswer(stderr: string): boolean {
  const sent = stderr.search(/http-debug: > GET \/\S* HTTP\//);
  return sent >= 0 && /http-debug: < HTTP\/\S+ [1-5]\d\d\b/.test(stderr.slice(sent));
}

/**
 * wget -S prints the headers it received, indented; a refused CONNECT ends with "Proxy tunneling
 * failed" before any. The answer counts only after wget says the TLS connection is up, never the
 * proxy's own CONNECT reply.
 */
function wgetGotAnswer(stderr: string): boolean {
  if (/Proxy tunneling failed|Unable to establish SSL connection/i.test(stderr)) return false;
  return /^ {2}HTTP\/\d(?:\.\d)? [1-5]\d\d\b/m.test(stderr);
}

/**
 * Positive proof, per kind, that the site's own answer came over the verified connection. Each pattern
 * matches only text a tool prints after the TLS step: a proxy answering 407, or hanging up, yields none.
 */
export const PROOFS: Record<ProofKind, (stdout: string, stderr: string, code: number) => boolean> = {
  'status-line': (out) => STATUS_LINE.test(out),
  // %{response_code} is 000 when no answer came; a failed CONNECT also exits non-zero.
  curl: (out) => STATUS_LINE.test(out) && !/^HTTP 000/m.test(out),
  'git-trace': (_out, err) => gitGotAnswer(err),
  'cargo-trace': (_out, err) => cargoGotAnswer(err),
  openssl: (out, err) => /^Verification: OK\r?$/m.test(err) && STATUS_LINE.test(out),
  // npm's proxy agent replays a refused CONNECT reply (407, 403…) as if the site had sent it, so its
  // "npm http fetch GET 407 https://…" proves nothing alone: Node's own TLS debug line must show the
  // handshake completed too, and the answer must not come from npm's cache. An unverified handshake
  // counts ("rejectUnauthorized: false, authorizationError: …", Node's line when strict-ssl=false): the
  // answer did come, and the negative control must see it to name the setting that let it through.
  'npm-http-log': (_out, err) =>
    /^TLS \d+: client emit secureConnect\. (?:authorized: true|rejectUnauthorized: false, authorizationError: \S+)$/m.test(err) &&
    /^npm http fetch GET [1-5]\d\d https:\/\/\S+ \d+ms(?! \(cache (?:hit|stale|revalidated)\))/m.test(err),
  // urllib3's debug line for a request it sent and got an answer to (the CONNECT is not logged so).
  'urllib3-log': (out, err) => /"GET \S+ HTTP\/1\.[01]" [1-5]\d\d\b/.test(out + err),
  'uv-trace': (_out, err) => /Received response for \S+ request with status [1-5]\d\d\b/.test(err),
  // "An error occurred (404) when calling …" names the site's status (the site is no S3); a refused CONNECT
  // or a TLS failure is a "Failed to connect" / "SSL validation failed" text with no status. A clean
  // listing (exit 0, nothing on stderr) is an answer too.
  'aws-status': (_out, err, code) => /^An error occurred \([1-5]\d\d\) when calling /m.test(err) || (code === 0 && err.trim() === ''),
  'wget-headers': (_out, err) => wgetGotAnswer(err),
};
