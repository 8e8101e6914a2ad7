/** Where developer tools read their TLS settings, and which of the user's switch verification off: read-only. */
export { scanSettings, findingsFor } from './scan.js';
export type { ScanPlace } from './locations.js';
