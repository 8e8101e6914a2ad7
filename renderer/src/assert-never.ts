/** A switch over a value list that forgot a value fails the type check here instead of showing the wrong words. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
