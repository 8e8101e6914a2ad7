/**
 * A SHA-256 fingerprint as people compare it with IT's value: byte pairs kept whole, eight bytes to a
 * line-break opportunity, so a line never ends inside a byte. The text content stays the exact value.
 */
export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  const bytes = value.split(':');
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += 8) groups.push(bytes.slice(i, i + 8).join(':'));
  return (
    <code className="fingerprint" data-testid={testId}>
      {groups.map((g, i) => (
        <span key={i} className="fp-group">
          {g}
          {i < groups.length - 1 ? ':' : ''}
          {i < groups.length - 1 ? <wbr /> : null}
        </span>
      ))}
    </code>
  );
}
