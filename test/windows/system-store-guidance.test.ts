/** The Windows system-store commands the app shows: quoted for their shell, admin rights marked (runs on every platform). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderSystemStores } from '../../shared/guidance/render.js';

const dir = "C:\\Users\\山田 太郎\\CA & co's";
const paths = { ca: `${dir}\\corporate-ca.pem`, bundle: `${dir}\\ca-bundle.pem`, der: `${dir}\\corporate-ca.crt` };

describe('Windows system-store guidance', () => {
  const byId = Object.fromEntries(renderSystemStores(paths).map((g) => [g.id, g]));

  it('certutil for the current user needs no admin rights and is quoted for cmd', () => {
    assert.equal(byId['windows-user-certutil']!.command, `certutil -user -addstore Root "${paths.der}"`);
    assert.equal(byId['windows-user-certutil']!.admin, false);
    assert.equal(byId['windows-machine-certutil']!.command, `certutil -addstore Root "${paths.der}"`);
    assert.equal(byId['windows-machine-certutil']!.admin, true);
  });

  it('Import-Certificate into CurrentUser\\Root (no admin) and LocalMachine\\Root (admin), quoted for PowerShell', () => {
    assert.equal(
      byId['windows-user']!.command,
      "Import-Certificate -FilePath 'C:\\Users\\山田 太郎\\CA & co''s\\corporate-ca.crt' -CertStoreLocation Cert:\\CurrentUser\\Root",
    );
    assert.equal(byId['windows-user']!.admin, false);
    assert.match(byId['windows-machine']!.command, /-CertStoreLocation Cert:\\LocalMachine\\Root$/);
    assert.equal(byId['windows-machine']!.admin, true);
  });

  it('Java on Windows can use the Windows store without admin rights, keeping other JAVA_TOOL_OPTIONS', () => {
    const java = byId['windows-java']!;
    assert.equal(java.admin, false);
    assert.match(
      java.command,
      /^\$env:JAVA_TOOL_OPTIONS = "\$env:JAVA_TOOL_OPTIONS -Djavax\.net\.ssl\.trustStoreType=Windows-ROOT"\.Trim\(\)$/,
    );
  });

  it('a % in the path: no certutil command cmd would corrupt', () => {
    const percent = renderSystemStores({ ...paths, der: 'C:\\100% sure\\corporate-ca.crt' });
    assert.match(percent.find((g) => g.id === 'windows-user-certutil')!.command, /^REM .*cannot quote/);
  });
});
