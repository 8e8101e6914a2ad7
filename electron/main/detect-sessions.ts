/**
 * Chromium sessions for the desktop app's own probes, one per detection at a time. A probe installs
 * the session's certificate verify procedure (setCertificateVerifyProc) for as long as it runs: two
 * detections sharing a session (or the default session, which also loads the app's own page) would
 * replace each other's procedure, and one would read the other's verdicts. Sessions are in-memory
 * partitions taken from a pool and given back, so concurrent detections never share one and the
 * number of sessions stays that of the most detections ever run at once (Electron keeps a partition
 * for the app's lifetime).
 */
import type { Session } from 'electron';

export interface SessionPool {
  /** Runs `work` with a session no other detection is using, and gives it back afterwards. */
  withSession<T>(work: (session: Session) => Promise<T>): Promise<T>;
}

export function createSessionPool(fromPartition: (partition: string) => Session, prefix = 'ca-bridge-detect'): SessionPool {
  const free: Session[] = [];
  let made = 0;
  return {
    async withSession(work) {
      // No "persist:" prefix: the partition lives in memory only, nothing of a probe reaches the disk.
      const session = free.pop() ?? fromPartition(`${prefix}-${++made}`);
      try {
        return await work(session);
      } finally {
        free.push(session);
      }
    },
  };
}
