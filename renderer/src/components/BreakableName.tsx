import { Fragment } from 'react';

/**
 * A host or certificate name (whose parts are already split by spaces) that may wrap only after its dots: in a narrow column
 * "www.google.com" wraps as "www.google." + "com", never "www.google.co" + "m". CSS alone cannot say
 * "break here first"; `overflow-wrap` still breaks inside a part that is wider than its column by itself.
 */
export function BreakableName({ text }: { text: string }) {
  const parts = text.split(/(?<=\.)/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}
