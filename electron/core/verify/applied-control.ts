import path from 'node:path';
import type { ExportFile } from '../../../shared/guidance/env-vars.js';
import type { VerifyProbe } from '../../../shared/guidance/tools.js';

/**
 * The negative control when the applied state is proven. A row apply configured through its own file
 * (`cafile=` in ~/.npmrc, `cacert` in .curlrc …) names the real bundle, and verify never edits the user's
 * files. So the control hands the tool the control's file through a setting that outranks that file and
 * nothing else, leaving every other setting of the user's (strict-ssl, sslVerify, insecure …) in force:
 * - npm: `npm_config_*` variables outrank every npmrc (https://docs.npmjs.com/cli/v10/using-npm/config#environment-variables);
 * - pip: `PIP_*` variables outrank the config files (https://pip.pypa.io/en/stable/topics/configuration/#precedence-override-order);
 * - git: `GIT_SSL_CAINFO` overrides `http.sslCAInfo` (https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslCAInfo);
 * - AWS CLI: `AWS_CA_BUNDLE` outranks `ca_bundle` in the config file (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html);
 * - cargo: `CARGO_HTTP_CAINFO` outranks `http.cainfo` (https://doc.rust-lang.org/cargo/reference/config.html#environment-variables);
 * - curl: no variable outranks `.curlrc` (CURL_CA_BUNDLE is read only when nothing else names a file), but
 *   the command line is read after it and the last `--cacert` wins (https://curl.se/docs/manpage.html#-K);
 * - wget: the command line outranks .wgetrc (https://www.gnu.org/software/wget/manual/wget.html#Wgetrc-Commands).
 */
const OUTRANKING: Readonly<Record<string, { env: string } | { args: (file: string) => string[] }>> = {
  npm: { env: 'npm_config_cafile' },
  pip: { env: 'PIP_CERT' },
  git: { env: 'GIT_SSL_CAINFO' },
  aws: { env: 'AWS_CA_BUNDLE' },
  cargo: { env: 'CARGO_HTTP_CAINFO' },
  curl: { args: (file) => ['--cacert', file] },
  wget: { args: (file) => [`--ca-certificate=${file}`] },
};

/** What the control run adds so the tool reads the control's file instead of the one its own config file names. */
export function controlOutranking(
  probe: VerifyProbe,
  control: Record<ExportFile, string>,
): { env: Record<string, string>; args: string[] } {
  const how = OUTRANKING[probe.name];
  const file = control[probe.file];
  if (!how) return probe.env ? { env: { [probe.env]: file }, args: [] } : { env: {}, args: [] };
  return 'env' in how ? { env: { [how.env]: file }, args: [] } : { env: {}, args: how.args(file) };
}

/** The option apply's JAVA_TOOL_OPTIONS names its trust store with (tool-config.ts applyJava). */
export const JAVA_STORE_OPTION = '-Djavax.net.ssl.trustStore=';

/** apply's JAVA_TOOL_OPTIONS with the store swapped for the control's, which the Java probe's `prepare` builds in `tmp`. */
export function javaControlOptions(options: string, tmp: string): string {
  const store = path.join(tmp, 'java-store.p12');
  return options.replace(/-Djavax\.net\.ssl\.trustStore=(?:"[^"]*"|\S+)/, () => `${JAVA_STORE_OPTION}"${store}"`);
}
