import { devNull } from 'node:os';
import path from 'node:path';

/**
 * "Isolated from this machine's config": what a test's user has is only what the test gave them.
 *
 * Corporate images (this machine's too) ship TLS settings of their own: /etc/pip.conf with `cert`, a global
 * npmrc with `cafile`, a system gitconfig, and *_CA_* variables such as NODE_EXTRA_CA_CERTS. Tests never
 * edit them; they keep them out through each tool's own switch, here in one place:
 * - pip: PIP_CONFIG_FILE=os.devnull is the only way to make pip skip its global, user and site files;
 * - npm: NPM_CONFIG_GLOBALCONFIG names an absent file instead of $PREFIX/etc/npmrc;
 * - Git: GIT_CONFIG_NOSYSTEM=1 skips /etc/gitconfig.
 * Tests that prove the machine's own config (verify-settings' "as it is" case) do not opt in.
 */
export function machineConfigOff(home?: string): NodeJS.ProcessEnv {
  return {
    PIP_CONFIG_FILE: devNull,
    // Absent, inside the test's HOME when there is one: a test can write its user's "global" npmrc there.
    NPM_CONFIG_GLOBALCONFIG: home ? path.join(home, 'global-npmrc') : path.join(devNull, 'global-npmrc'),
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

/**
 * An environment for the in-process CLI or a spawned tool: the test's HOME, this machine's PATH (the tools
 * under test), none of the machine's config, then the test's own additions.
 */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { HOME: home, PATH: process.env.PATH, ...machineConfigOff(home), ...extra };
}
