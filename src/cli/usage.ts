/** A command line that cannot be run as given: exit code 2 and the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `usage:
  rpki-lens inspect FILE... [--json] [--at TIME]
  rpki-lens validate SNAPSHOT|--repo DIR [--tal FILE ...] [--at TIME]
                     [--format csv|json|openbgpd|bird|routinator-json|routinator-csv] [--output FILE] [--workers N]
SNAPSHOT is a folder in rsync layout, a .tar/.tgz (rpki-client cache, RPKIViews), RRDP XML or a folder with
notification.xml, or single objects; without --tal the snapshot's own TALs are used.
TIME is ISO 8601 (2026-11-24T00:00:00Z) or Unix seconds. --workers: threads that validate publication points
(default: one per core; 0: all in the main thread).
`;
