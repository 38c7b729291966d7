/**
 * Loose objects: files outside any host directory (a single dropped file, a folder of ROAs). A signed object names
 * its own rsync URI in its EE certificate's SIA (RFC 6487 §4.8.8.2, id-ad-signedObject); a manifest's URI also places
 * the files it lists that sit beside it (RFC 9286 §4.2.2: names are relative to the manifest's directory). Anything
 * else keeps a `file:` URI.
 */
import { decodeManifest } from '../objects/manifest.ts';
import { detectType } from '../objects/object.ts';
import { decodeSignedObject } from '../objects/signed-object.ts';
import { dirOf } from '../validate/source.ts';
import { SIGNED_OBJECT_EXTENSIONS } from './layout.ts';
import { objectUriProblem } from './rrdp-xml.ts';

export interface LooseFile {
  path: string;
  bytes: Uint8Array;
}

export type LooseResult =
  | { kind: 'object'; uri: string; file: LooseFile }
  | { kind: 'tal'; file: LooseFile }
  | { kind: 'unknown'; file: LooseFile };

function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function resolveLoose(files: readonly LooseFile[]): LooseResult[] {
  const typed = files.map((file) => ({ file, type: detectType(nameOf(file.path), file.bytes) }));
  const uris = new Map<LooseFile, string>();
  /** Input folder → the rsync directory its manifest names, and the names it lists. */
  const placed = new Map<string, { dir: string; names: Set<string> }>();
  for (const { file, type } of typed) {
    if (!SIGNED_OBJECT_EXTENSIONS.has(type)) continue;
    if (type === 'mft') {
      const m = decodeManifest(file.bytes);
      const uri = m.value?.signedObject.ee.sia.signedObject;
      if (uri && !objectUriProblem(uri)) {
        uris.set(file, uri);
        placed.set(folderOf(file.path), { dir: dirOf(uri), names: new Set(m.value!.fileList.map((f) => f.file)) });
      }
      continue;
    }
    const uri = decodeSignedObject(file.bytes).value?.ee.sia.signedObject;
    if (uri && !objectUriProblem(uri)) uris.set(file, uri);
  }
  return typed.map(({ file, type }): LooseResult => {
    if (type === 'tal') return { kind: 'tal', file };
    if (type === 'unknown') return { kind: 'unknown', file };
    const own = uris.get(file);
    if (own) return { kind: 'object', uri: own, file };
    const near = placed.get(folderOf(file.path));
    const name = nameOf(file.path);
    if (near?.names.has(name)) return { kind: 'object', uri: near.dir + name, file };
    return { kind: 'object', uri: `file:${file.path}`, file };
  });
}
