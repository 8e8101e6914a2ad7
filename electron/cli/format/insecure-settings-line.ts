import { settingPlace } from '../../../shared/settings.js';
import { scanSettings } from '../../core/settings/index.js';
import { wordsFor, type CliIo } from '../io.js';

/**
 * One line naming the settings in this environment that switch certificate verification off (for
 * detect and check): the usual earlier "fixes" the user should remove. Null when there are none.
 */
export async function insecureSettingsLine(io: CliIo): Promise<string | null> {
  const scan = await scanSettings({ env: io.env, cwd: io.cwd, platform: process.platform });
  const off = scan.findings.filter((f) => f.effect === 'verification-off');
  if (!off.length) return null;
  const list = off.map((f) => (f.source.kind === 'env' ? f.source.name : `${f.setting} (${settingPlace(f.source)})`)).join(', ');
  // The user's language, as every text line of the command (the catalogue's sentence, the page's too).
  return wordsFor(io).verifySettings.foundInEnvironment.replace('{{list}}', list);
}
