import assert from 'node:assert/strict';
import { it } from 'node:test';
import { profileLineAlone } from '../../electron/core/doctor/fix.js';

// doctor --fix removes a whole profile line: only a line that is the export alone, so no other command is lost.
it('a profile line is removable only when it holds the export alone (a comment may follow)', () => {
  for (const alone of [
    'export NODE_TLS_REJECT_UNAUTHORIZED=0',
    "export PIP_TRUSTED_HOST='pypi.org files.pythonhosted.org'  # work around the proxy",
    'set -gx NODE_TLS_REJECT_UNAUTHORIZED 0',
    "$env:NODE_TLS_REJECT_UNAUTHORIZED = '0'",
    'export GIT_SSL_NO_VERIFY="a;b"',
  ])
    assert.equal(profileLineAlone(alone), true, alone);
  for (const shared of [
    'export NODE_TLS_REJECT_UNAUTHORIZED=0; export PATH="$HOME/bin:$PATH"',
    'set -gx PIP_TRUSTED_HOST x; set -gx PATH $PATH ~/bin',
    'export GIT_SSL_NO_VERIFY=1 && source ~/.work',
    "[Environment]::SetEnvironmentVariable('NODE_TLS_REJECT_UNAUTHORIZED', '0', 'User')",
  ])
    assert.equal(profileLineAlone(shared), false, shared);
});
