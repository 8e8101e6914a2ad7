import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { TOOL_GUIDES } from '../../shared/guidance/tools.js';
import { en } from '../../shared/i18n/en.js';
import { latinSentences } from '../helpers/latin.js';

/** Tool names are names, whatever their words ("Docker images (Debian/Ubuntu based)"). */
const TOOL_NAMES = TOOL_GUIDES.map((t) => t.name);
const SECTIONS = Object.keys(en).join('|');
const RAW_KEY = new RegExp(`\\b(?:${SECTIONS})\\.[A-Za-z][\\w-]*`);

/** The prose a user reads: visible text nodes outside data (pre, code, translate="no"), with every <details> opened. */
async function screenProse(page: Page): Promise<string[]> {
  await page.evaluate(`document.querySelectorAll('details').forEach((d) => (d.open = true))`);
  return (await page.evaluate(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('pre, code, script, style, option, textarea, [translate="no"]')) continue;
      const text = node.textContent.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], input[placeholder]'))
      if (!el.closest('[translate="no"]')) out.push(el.getAttribute('aria-label') || el.getAttribute('title') || el.getAttribute('placeholder'));
    return out;
  })()`)) as string[];
}

/**
 * What the page shows as data (code, translate="no", the comment lines of pasted snippets), outermost
 * elements only. Exempt: the engine's own technical details (`.detail` as produced, unless worded from the catalogue), text the
 * page quotes from a tool or the user (`[data-quoted]`), and certificate names (CN=…, O=…).
 */
async function screenData(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('code, [translate="no"]')) {
      if (el.closest('pre, option, select, textarea, .detail:not([data-worded]), [data-quoted]')) continue;
      if (el.parentElement && el.parentElement.closest('code, [translate="no"]')) continue;
      const text = el.textContent.trim();
      if (text && !/\\b(?:CN|OU|O|C|L|ST)=/.test(text)) out.push(text);
    }
    for (const pre of document.querySelectorAll('pre'))
      for (const line of pre.textContent.split('\\n'))
        if (/^\\s*(?:#|REM )/.test(line)) out.push(line.replace(/^\\s*(?:#|REM)\\s*/, ''));
    return out;
  })()`)) as string[];
}

/** A command line is data whatever its words ("aws sso login"): it starts with the program it runs. */
const PROGRAMS = new Set([
  ...['aws', 'az', 'gcloud', 'pnpm', 'npm', 'yarn', 'poetry', 'pip', 'uv', 'conda', 'git', 'docker', 'go', 'cargo', 'gem', 'bundle'],
  ...['dotnet', 'curl', 'wget', 'openssl', 'java', 'keytool', 'mvn', 'gradle', 'sudo', 'certutil', 'security', 'brew', 'snap'],
  ...['flatpak', 'deno', 'bun', 'node', 'kinit', 'px', 'cntlm', 'ca-bridge', 'export', 'set', 'setx', 'php', 'update-ca-certificates'],
]);
const isCommand = (text: string) => PROGRAMS.has(text.split(/\s+/)[0]!);

/** A snippet comment names the command that undoes it: a command, not prose. */
const UNDO_COMMAND = /元に戻す: .*$/;

/**
 * No English sentence (other than product, tool, file and command names) and no raw translation key in
 * what a Japanese user reads on the current screen. Data is exempt where the page marks it as such.
 */
export async function assertJapanese(page: Page, screen: string, seen?: Set<string>): Promise<void> {
  const prose = await screenProse(page);
  assert.ok(prose.length > 5, `${screen}: the walk saw the screen`);
  // Japanese quotes a name it mentions in 「」: a certificate name there is data, not prose.
  const english = prose.flatMap((p) => latinSentences(p.replace(/「[^」]*」/g, ' '), TOOL_NAMES).map((s) => `${screen}: "${s}" in "${p}"`));
  const raw = prose.filter((p) => RAW_KEY.test(p)).map((p) => `${screen}: raw key in "${p}"`);
  // Inside code and translate="no" too: a row's setting or a snippet's comment in English is prose all the same.
  const data = (await screenData(page))
    .filter((d) => !isCommand(d))
    .flatMap((d) => latinSentences(d.replace(UNDO_COMMAND, ' '), TOOL_NAMES).map((s) => `${screen}: "${s}" in data "${d}"`));
  assert.deepEqual([...english, ...raw, ...data], []);
  seen?.add(screen);
}
