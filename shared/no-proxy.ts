/**
 * NO_PROXY matching with curl's semantics (the tools users run read the same variable):
 * `*` matches everything; `example.com` and `.example.com` match the domain and its subdomains;
 * an entry may carry `:port`. proxy-from-env was considered: it reads only the global
 * process.env and treats `example.com` as an exact name, unlike curl.
 */
export function matchesNoProxy(host: string, port: number, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((raw) => {
      const entry = raw.toLowerCase();
      if (entry === '*') return true;
      const withPort = /^(.+):(\d+)$/.exec(entry);
      if (withPort && !entry.startsWith('[') && withPort[1]!.includes(':')) return entry === name;
      const entryHost = (withPort ? withPort[1]! : entry).replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
      if (withPort && Number(withPort[2]) !== port) return false;
      return name === entryHost || name.endsWith(`.${entryHost}`);
    });
}
