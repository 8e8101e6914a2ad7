/** The system trust stores the guidance gives commands for; the interface names each in the user's language. */
export const STORE_IDS = [
  'debian',
  'rhel',
  'arch',
  'alpine',
  'suse',
  'macos-system',
  'macos-login',
  'windows-user',
  'windows-user-certutil',
  'windows-machine',
  'windows-machine-certutil',
  'windows-java',
] as const;
export type StoreId = (typeof STORE_IDS)[number];

export const isStoreId = (id: string): id is StoreId => (STORE_IDS as readonly string[]).includes(id);
