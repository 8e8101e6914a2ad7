import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DoctorFinding, FixReport } from '../../../shared/api/results.js';
import { ENV_VARS } from '../../../shared/guidance/env-vars.js';
import type { ExportPaths } from '../../../shared/guidance/render.js';
import { readUserFile } from '../fs/read-user-file.js';
import { changeRecorded } from '../ledger/record.js';
import { undoRecorded } from '../ledger/undo.js';
import { fileSettingRow } from '../tool-config/file-settings.js';
import { replaceLine } from '../tool-config/line-edit.js';
import { PROOF_RUNS, profileLineAlone, proofEnv, proofShells, provenInShells, type FixPlace } from './fix.js';
import { withProfileValue } from './profile-value.js';
import { ProofCannotSignIn } from './proof-proxy.js';

/**
 * `doctor --fix --dir`: a CA setting pointing at a missing, unreadable or expired file is pointed at the
 * export in its own file, on its own line (a project's .npmrc stays the project's; a profile's variable is
 * rewritten where it is exported, since it outranks every tool file), through the ledger, then proven both
 * ways with what a new terminal will have; put back at once if the tool does not get through with it.
 * A line holding more than that one setting (another command, a command substitution) is left:
 * `cannot-repoint`.
 */

/** Texts are byte strings (one char per byte), as everywhere in the ledger's edits. */
const asByteText = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** The exported file a CA variable names: the catalogue's (NODE_EXTRA_CA_CERTS adds the CA), else the bundle (REPLACE). */
const variableTarget = (name: string, paths: ExportPaths) => {
  const file = ENV_VARS.find((v) => v.name === name)?.file;
  return file ? paths[file] : paths.bundle;
};

/** The line with its setting pointed at the export, or null when it cannot be rewritten safely. */
function rewriterFor(finding: DoctorFinding, tool: string, place: FixPlace, paths: ExportPaths, text: string) {
  const file = finding.source?.kind === 'file' ? finding.source.file : '';
  const format = place.profiles.get(file);
  if (format) {
    const value = variableTarget(finding.setting, paths);
    return {
      value,
      rewrite: (content: string) =>
        profileLineAlone(content) ? withProfileValue(format, content, finding.setting, asByteText(value)) : null,
    };
  }
  const row = fileSettingRow(tool);
  if (!row) return null;
  const settings = row.lines(paths, text);
  return {
    value: paths.bundle,
    rewrite: (content: string) => {
      const setting = settings.find((s) => s.keyLine.test(content));
      // Written as apply writes it, with the line's own indentation.
      return setting ? `${/^\s*/.exec(content)![0]}${asByteText(setting.line.trimStart())}` : null;
    },
  };
}

export async function repointFinding(finding: DoctorFinding, place: FixPlace, paths: ExportPaths): Promise<FixReport> {
  const source = finding.source;
  const base = { setting: finding.setting, value: finding.value, source, tool: finding.tools[0] ?? '' };
  if (!source || source.kind !== 'file') return { ...base, outcome: 'not-a-file' };
  const tool = finding.tools.find((t) => PROOF_RUNS[t]);
  if (!tool) return { ...base, outcome: 'not-supported' };
  const original = (await readUserFile(source.file)).toString('latin1');
  const rewriter = rewriterFor(finding, tool, place, paths, original);
  let expected: string | null = null;
  const planned = rewriter
    ? replaceLine(original, source.line, (content) => {
        expected = content;
        return rewriter.rewrite(content);
      })
    : null;
  if (!rewriter || planned === null || expected === null) return { ...base, tool, outcome: 'cannot-repoint' };
  const result = await changeRecorded({
    ledger: place.ledger,
    tool,
    what: `repointed ${finding.setting} = ${finding.value} at ${rewriter.value} (line ${source.line})`,
    file: source.file,
    undo: 'restore-bytes',
    dryRun: false,
    edit: (text) => {
      // The line must still be the one that was found (a file edited meanwhile is left alone).
      const next = replaceLine(text ?? '', source.line, (content) => (content === expected ? rewriter.rewrite(content) : null));
      return { text: next ?? text ?? '', changed: next !== null && next !== text };
    },
  });
  if (!result.changed || !result.entryId) return { ...base, tool, outcome: 'changed-meanwhile' };
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-fix-'));
  try {
    // A profile's variable: new terminals of the shells reading that file get the new value (this one still has the old).
    const profile = place.profiles.has(source.file);
    const envFor = (shell: Parameters<typeof proofEnv>[1]) => ({
      ...proofEnv(place, shell, null),
      ...(profile ? { [finding.setting]: rewriter.value } : {}),
    });
    const proven = await provenInShells(PROOF_RUNS[tool]!, place, tmp, proofShells(place, source.file), envFor).catch((error: unknown) =>
      error instanceof ProofCannotSignIn ? error.outcome : false,
    );
    if (proven === true) return { ...base, tool, outcome: 'repointed', entries: [result.entryId], ...(profile ? { newShell: true } : {}) };
    // Not proven (or the proof could not sign in): the change is taken back at once.
    await undoRecorded(place.ledger, (e) => e.id === result.entryId, false, place.env);
    return { ...base, tool, outcome: proven === false ? 'put-back' : proven };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
