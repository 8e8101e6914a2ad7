import type { StoreId } from '../i18n/store-ids.js';
import type { Text } from './text.js';

export interface SystemStoreGuide {
  /** A new store needs its id in STORE_IDS, and so a name in both interface languages (checked by the compiler). */
  id: StoreId;
  name: string;
  admin: boolean;
  /** `posix` runs in a Linux/macOS shell, `powershell` in Windows PowerShell, `cmd` in cmd.exe (and PowerShell). */
  shell: 'posix' | 'powershell' | 'cmd';
  template: string;
  note: Text | null;
}

/**
 * Keychains and Windows stores add a renewed CA beside the old one: neither `security add-trusted-cert` nor
 * certutil/Import-Certificate replaces by name, and CA Bridge does not know the old CA's identity to delete it
 * (certutil -delstore and security delete-certificate take a hash or a name of the certificate to remove). The
 * note says so; none of these runs on this machine (Wine's certutil is a stub).
 */
const oldCaStays = (where: Text, before: Text | null = null): Text => ({
  en: [before?.en, `After IT renews the CA, running this again adds the new CA beside the old one: remove the old one in ${where.en}.`]
    .filter(Boolean)
    .join(' '),
  ja: [
    before?.ja,
    `IT が CA を更新した後に再実行すると、新しい CA が古い CA と並んで追加されます。古い CA は${where.ja}で削除してください。`,
  ]
    .filter(Boolean)
    .join(''),
});
const KEYCHAIN_ACCESS: Text = { en: 'Keychain Access', ja: 'キーチェーンアクセス' };
const CERTMGR: Text = { en: 'certmgr.msc (Trusted Root Certification Authorities)', ja: 'certmgr.msc（信頼されたルート証明機関）' };
const CERTLM: Text = { en: 'certlm.msc (Trusted Root Certification Authorities)', ja: 'certlm.msc（信頼されたルート証明機関）' };

/**
 * Installing the CA into an OS store: for machines where IT did not (WSL, containers, a colleague's
 * VM), or after importing the CA with --from.
 */
export const SYSTEM_STORE_GUIDES: readonly SystemStoreGuide[] = [
  {
    id: 'debian',
    name: 'Debian / Ubuntu',
    admin: true,
    shell: 'posix',
    // Re-runnable: the file keeps its name, so a renewed CA replaces the old one; --fresh rebuilds the links in
    // /etc/ssl/certs (without it, a re-run sees no new file, leaves the old subject's hash link and makes none for
    // the new CA's, and tells the hooks, such as Java's cacerts, nothing). Proven with the real script in a
    // fake root: test/guidance/system-store-rerun.test.ts. Docs: https://manpages.debian.org/bookworm/ca-certificates/update-ca-certificates.8.en.html
    template: 'sudo cp {ca} /usr/local/share/ca-certificates/corporate-ca.crt && sudo update-ca-certificates --fresh',
    note: {
      en: 'The file must be PEM and named *.crt. Run it again after IT renews the CA: the old one is replaced.',
      ja: 'PEM 形式で拡張子 .crt が必要です。IT が CA を更新したら再実行してください。古い CA は置き換えられます。',
    },
  },
  {
    id: 'rhel',
    name: 'RHEL / Fedora',
    admin: true,
    shell: 'posix',
    // update-ca-trust rebuilds every extracted store from the sources: the fixed file name makes a re-run replace
    // the old CA. Docs: https://www.mankier.com/8/update-ca-trust
    template: 'sudo cp {ca} /etc/pki/ca-trust/source/anchors/corporate-ca.pem && sudo update-ca-trust',
    note: null,
  },
  {
    id: 'arch',
    name: 'Arch Linux',
    admin: true,
    shell: 'posix',
    // A file of a fixed name in the anchors folder, then a rebuild of every extracted store (update-ca-trust(8)):
    // a re-run replaces the old CA. `trust anchor --store` would name the file after the certificate's label and
    // leave an old CA's file behind. Docs: https://wiki.archlinux.org/title/Transport_Layer_Security#Add_a_certificate_to_a_trust_store
    template: 'sudo cp {ca} /etc/ca-certificates/trust-source/anchors/corporate-ca.crt && sudo update-ca-trust',
    note: null,
  },
  {
    id: 'alpine',
    name: 'Alpine',
    admin: true,
    shell: 'posix',
    template: 'cp {ca} /usr/local/share/ca-certificates/corporate-ca.crt && update-ca-certificates',
    note: { en: 'Run as root.', ja: 'root で実行します。' },
  },
  {
    id: 'suse',
    name: 'openSUSE / SLES',
    admin: true,
    shell: 'posix',
    template: 'sudo cp {ca} /etc/pki/trust/anchors/corporate-ca.pem && sudo update-ca-certificates',
    note: null,
  },
  {
    id: 'macos-system',
    name: 'macOS, System keychain (all users)',
    admin: true,
    shell: 'posix',
    template: 'sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain {der}',
    note: oldCaStays(KEYCHAIN_ACCESS),
  },
  {
    id: 'macos-login',
    name: 'macOS, login keychain (this user)',
    admin: false,
    shell: 'posix',
    template: 'security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db {der}',
    note: oldCaStays(KEYCHAIN_ACCESS, {
      en: 'macOS asks for your password to change trust settings.',
      ja: '信頼設定の変更時にパスワードを求められます。',
    }),
  },
  {
    id: 'windows-user-certutil',
    name: 'Windows, current user (certutil, in cmd or PowerShell)',
    admin: false,
    shell: 'cmd',
    template: 'certutil -user -addstore Root {der}',
    note: oldCaStays(CERTMGR, {
      en: 'Windows shows a security warning to confirm: compare the fingerprint first. No administrator rights needed.',
      ja: 'Windows の確認ダイアログが出ます。先にフィンガープリントを照合してください。管理者権限は不要です。',
    }),
  },
  {
    id: 'windows-user',
    name: 'Windows, current user',
    admin: false,
    shell: 'powershell',
    template: 'Import-Certificate -FilePath {der} -CertStoreLocation Cert:\\CurrentUser\\Root',
    note: oldCaStays(CERTMGR, {
      en: 'Windows shows a security warning to confirm: compare the fingerprint first.',
      ja: 'Windows の確認ダイアログが出ます。先にフィンガープリントを照合してください。',
    }),
  },
  {
    id: 'windows-machine',
    name: 'Windows, all users (LocalMachine)',
    admin: true,
    shell: 'powershell',
    template: 'Import-Certificate -FilePath {der} -CertStoreLocation Cert:\\LocalMachine\\Root',
    note: oldCaStays(CERTLM, { en: 'Run PowerShell as administrator.', ja: '管理者として PowerShell を実行してください。' }),
  },
  {
    id: 'windows-machine-certutil',
    name: 'Windows, all users (certutil, LocalMachine)',
    admin: true,
    shell: 'cmd',
    template: 'certutil -addstore Root {der}',
    note: oldCaStays(CERTLM, { en: 'Run the command prompt as administrator.', ja: '管理者としてコマンド プロンプトを実行してください。' }),
  },
  {
    id: 'windows-java',
    name: 'Java 11+ on Windows: use the Windows store instead of cacerts',
    admin: false,
    shell: 'powershell',
    // Appends, so that options already in JAVA_TOOL_OPTIONS are kept.
    template: '$env:JAVA_TOOL_OPTIONS = "$env:JAVA_TOOL_OPTIONS -Djavax.net.ssl.trustStoreType=Windows-ROOT".Trim()',
    note: {
      en: "No administrator rights and no keytool: Java then trusts the Windows Root store (the current user's, which includes what IT installed). Put the line in your PowerShell profile to keep it.",
      ja: '管理者権限も keytool も不要です。Java が Windows のルート ストア (IT が導入した CA を含む現在のユーザーのもの) を信頼します。維持するには PowerShell プロファイルに書きます。',
    },
  },
];
