// Runs under Windows Node (Wine): executes snippet lines in cmd.exe as if typed at its prompt, then
// records what each variable holds. The lines travel on cmd's command line, which is UTF-16 like a
// paste into a console window; a batch file would be read in the console code page instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === '--dump') {
  const [out, ...names] = process.argv.slice(3);
  fs.writeFileSync(out, JSON.stringify(Object.fromEntries(names.map((n) => [n, process.env[n] ?? null]))));
} else {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const dump = `"${process.execPath}" "${fileURLToPath(import.meta.url)}" --dump "${spec.out}" ${spec.names.join(' ')}`;
  // /d: no AutoRun commands; /s /c "…": everything between the outer quotes is the command, verbatim.
  const log = fs.openSync(`${spec.out}.log`, 'w');
  const result = spawnSync(process.env.ComSpec || 'cmd.exe', ['/d', '/s', '/c', `"${[...spec.lines, dump].join(' & ')}"`], {
    windowsVerbatimArguments: true,
    stdio: ['ignore', log, log],
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !spec.names.includes(name))),
  });
  fs.closeSync(log);
  process.exitCode = result.status ?? 1;
}
