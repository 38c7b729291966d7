/** Where the walk reads objects from: a snapshot, a folder, IndexedDB. Bytes in, nothing else. */

export interface ObjectSource {
  /** The bytes published at an rsync URI, or undefined when the snapshot does not hold it. */
  get(uri: string): Promise<Uint8Array | undefined> | Uint8Array | undefined;
  /** Every URI the snapshot holds, to report the objects the walk never reaches. */
  uris?(): Iterable<string> | AsyncIterable<string>;
}

/** An in-memory source keyed by rsync URI. */
export class MapSource implements ObjectSource {
  constructor(readonly objects: Map<string, Uint8Array> = new Map()) {}
  get(uri: string): Uint8Array | undefined {
    return this.objects.get(uri);
  }
  uris(): Iterable<string> {
    return this.objects.keys();
  }
}

/** The directory of an rsync URI, with its trailing slash. */
export function dirOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/** The file name of an rsync URI. */
export function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}
