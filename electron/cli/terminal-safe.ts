/**
 * Text from the network (certificate names, proxy replies, tool errors) or from pasted input reaches the
 * terminal through here: control characters (ESC sequences could recolour, move the cursor, retitle
 * the window or hide text; a bare CR could overwrite a line) are shown as \xNN instead. Newlines and
 * tabs pass. JSON output is unaffected in practice: JSON.stringify already escapes C0 controls.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
