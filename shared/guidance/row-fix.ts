import { SEMANTICS_TEXT } from './env-vars.js';
import { MESSAGES } from '../i18n/index.js';
import type { Language } from '../i18n/language.js';
import { fillRaw, type ExportPaths } from './render.js';
import type { Text } from './text.js';
import { ALL_PLATFORMS, type Platform, type Step, type ToolGuide } from './tool-types.js';

/** The export as the fix sentence names it: DIR stands for the folder the user exports to. */
const DIR_PATHS: ExportPaths = { ca: 'DIR/corporate-ca.pem', bundle: 'DIR/ca-bundle.pem', der: 'DIR/corporate-ca.crt' };

/** Who reads the fix: a terminal user gets commands, the page's user the page's own steps. */
export type FrontDoor = 'cli' | 'page';

type Persist = Extract<Step, { kind: 'persist' }>;
type Env = Extract<Step, { kind: 'env' }>;
type FileStep = Extract<Step, { kind: 'file' }>;

const envValue = (step: Env) => (typeof step.value === 'string' ? DIR_PATHS[step.value] : fillRaw(step.value.literal, DIR_PATHS));
const changes = (step: Persist, lang: Language) => fillRaw(step.changes[lang], DIR_PATHS);
/** "Dockerfile (build with: …)" → "Dockerfile": the sentence names the file; the snippets print the rest. */
const fileName = (step: FileStep) => step.path.split(' (')[0]!;

function setVars(envs: Env[], lang: Language): string {
  const each = envs.map((e) => (lang === 'ja' ? `${e.name} に ${envValue(e)} を設定します` : `set ${e.name} to ${envValue(e)}`));
  return each.join(lang === 'ja' ? '。また、' : ' and ');
}

function runCommand(step: Persist, lang: Language): string {
  // Japanese: the change is a sentence of its own, so a change that has parentheses is never nested in more.
  return lang === 'ja'
    ? `表示されるコマンドを実行します。変更内容: ${changes(step, lang)}`
    : `run the printed command that ${changes(step, lang)}`;
}

function putFile(step: FileStep, lang: Language): string {
  const oneLine = !fillRaw(step.template, DIR_PATHS).includes('\n');
  const text = fillRaw(step.template, DIR_PATHS);
  if (lang === 'ja') {
    return oneLine ? `${fileName(step)} に次の行を書きます: ${text}` : `表示される ${step.format} の断片を ${fileName(step)} に追加します`;
  }
  // The line itself may hold quotes (JSON): it comes last, after a colon, never inside quotes of ours.
  return oneLine ? `put this line in ${fileName(step)}: ${text}` : `add the printed ${step.format} fragment to ${fileName(step)}`;
}

/** The actions of a row in the order the user takes them, from its steps (never from the free-text `setting`). */
function actions(row: ToolGuide, lang: Language): string {
  const envs = row.steps.filter((s): s is Env => s.kind === 'env');
  const persists = row.steps.filter((s): s is Persist => s.kind === 'persist');
  const files = row.steps.filter((s): s is FileStep => s.kind === 'file');
  const ja = lang === 'ja';
  // A variable whose value is built from what the commands create (Java's own trust store) comes after them.
  const commandsFirst = envs.some((e) => typeof e.value !== 'string') && persists.length > 0;
  if (commandsFirst) {
    return [...persists.map((p) => runCommand(p, lang)), setVars(envs, lang)].join(ja ? '。次に、' : ', then ');
  }
  const first = envs.length > 0 ? setVars(envs, lang) : persists.length > 0 ? runCommand(persists[0]!, lang) : putFile(files[0]!, lang);
  const alternatives = [
    ...(envs.length > 0 ? persists : persists.slice(1)).map((p) =>
      ja ? `このセッション以降も残すには、${runCommand(p, lang)}` : `to keep it beyond this session, ${runCommand(p, lang)}`,
    ),
    ...(envs.length > 0 || persists.length > 0 ? files : files.slice(1)).map((f) =>
      ja ? `または、${putFile(f, lang)}` : `or ${putFile(f, lang)}`,
    ),
  ];
  return [first, ...alternatives].join(ja ? '。' : '; ');
}

const PLATFORM_NAMES: Record<Platform, Text> = {
  linux: { en: 'Linux', ja: 'Linux' },
  macos: { en: 'macOS', ja: 'macOS' },
  windows: { en: 'Windows', ja: 'Windows' },
};

/** Where a row applies on some OSes only, the fix says so and adds the row's first caveat (what to do elsewhere). */
function onlyOn(row: ToolGuide, lang: Language): string {
  if (ALL_PLATFORMS.every((p) => row.platforms.includes(p))) return '';
  const names = row.platforms.map((p) => PLATFORM_NAMES[p][lang]);
  // The first caveat is added when it speaks of the other OSes (what to do there), not when it is about something else.
  const others = ALL_PLATFORMS.filter((p) => !row.platforms.includes(p)).map((p) => PLATFORM_NAMES[p].en);
  const first = row.caveats[0];
  const elsewhere = first && others.some((name) => first.en.includes(name)) ? first[lang].replace(/[.。]$/, '') : undefined;
  if (lang === 'ja') return `。これは ${names.join('・')} での設定です${elsewhere ? `。${elsewhere}` : ''}`;
  return `. This is for ${names.join(' and ')}${elsewhere ? `. ${elsewhere}` : ''}`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The fix for an error, rendered from the catalogue row that owns it: the same steps, files and ADD/REPLACE
 * rule the snippets print, so explain can never advise what the snippets would not. Built from the steps
 * themselves, not from the row's free-text `setting`, so every sentence is a whole one.
 */
export function rowFix(row: ToolGuide, lang: Language, door: FrontDoor = 'cli'): string {
  const ja = lang === 'ja';
  // The page's user has steps, not commands: point at the Export and Configure steps by their names there.
  const nav = MESSAGES[lang].nav;
  const exact =
    door === 'page'
      ? ja
        ? `正確な設定（変更内容と元に戻す方法を含む）は「${nav.configure}」の手順の ${row.name} の行に表示されます。検証を無効にしないでください。`
        : `The ${nav.configure} step shows the exact lines for ${row.name}, with what each changes and how to undo it. Do not disable verification.`
      : ja
        ? `正確な設定（変更内容と元に戻す方法を含む）は「ca-bridge snippets --dir DIR --tool ${row.id}」で表示されます。検証を無効にしないでください。`
        : `"ca-bridge snippets --dir DIR --tool ${row.id}" prints the exact lines, with what each changes and how to undo it. Do not disable verification.`;
  if (row.steps.length === 0) return [row.caveats[0]?.[lang] ?? '', exact].join(ja ? '' : ' ').trim();
  const what = actions(row, lang) + onlyOn(row, lang);
  if (!row.file) {
    return ja
      ? `${what}。IT が CA を入れた OS の信頼ストアを使います。${exact}`
      : `${capitalize(what)}. It uses the OS trust store, where IT installed the CA. ${exact}`;
  }
  const semantics = SEMANTICS_TEXT[row.semantics][lang];
  const exportIt =
    door === 'page'
      ? ja
        ? `「${nav.export}」の手順で CA をエクスポートします`
        : `Export the CA on the ${nav.export} step`
      : ja
        ? '「ca-bridge export --out DIR」で CA をエクスポートします'
        : 'Export the CA with "ca-bridge export --out DIR"';
  return ja ? `${exportIt}。${what}。${semantics}。${exact}` : `${exportIt}, then ${what}. ${semantics}. ${exact}`;
}
