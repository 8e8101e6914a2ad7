import path from 'node:path';
import { envVarValues, type ExportPaths } from '../../../shared/guidance/render.js';
import { userHome } from './home.js';

/**
 * macOS: apps started from the Dock, Finder or Spotlight (VS Code, Claude Desktop) never read shell
 * profiles; they get the environment of launchd's user session. `launchctl setenv NAME VALUE` sets a
 * variable there for every process launchd starts afterwards, until logout; a LaunchAgent in
 * ~/Library/LaunchAgents with RunAtLoad runs it again at every login. CA Bridge writes that one file
 * (through the ledger, so revert --all removes it byte-exactly); it takes effect at the next login.
 * https://developer.apple.com/library/archive/documentation/MacOSX/Conceptual/BPSystemStartup/Chapters/CreatingLaunchdJobs.html
 * and launchctl(1) describe both. Unproven on a real Mac here: the file is checked with Python's
 * plistlib and its command with /bin/sh and a recording launchctl (docs/ledger.md).
 */

export const LAUNCH_AGENT_LABEL = 'com.ca-bridge.environment';

export const launchAgentFile = (env: NodeJS.ProcessEnv) =>
  path.join(userHome(env), 'Library', 'LaunchAgents', `${LAUNCH_AGENT_LABEL}.plist`);

/** One word for /bin/sh: single quotes, a quote inside closed, escaped and reopened. */
const shWord = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** Text for a plist <string>: the three characters XML gives meaning to. */
const xml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The LaunchAgent: one /bin/sh command running `launchctl setenv` for each variable of the profile block. */
export function launchAgentPlist(paths: ExportPaths): string {
  const script = Object.entries(envVarValues(paths))
    .map(([name, value]) => `/bin/launchctl setenv ${name} ${shWord(value)}`)
    .join(' && ');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '\t<key>Label</key>',
    `\t<string>${LAUNCH_AGENT_LABEL}</string>`,
    '\t<key>ProgramArguments</key>',
    '\t<array>',
    '\t\t<string>/bin/sh</string>',
    '\t\t<string>-c</string>',
    `\t\t<string>${xml(script)}</string>`,
    '\t</array>',
    '\t<key>RunAtLoad</key>',
    '\t<true/>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}
