import type { CodeInfo } from '../catalog.ts';

/** The tar format: POSIX.1-2017, pax, "ustar Interchange Format". */
const USTAR = {
  std: 'POSIX.1-2017 ustar',
  href: 'https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06',
} as const;

/**
 * Loading snapshots (stage "load"): archives, folders and RRDP files turned into (rsync URI, bytes). Every sentence
 * names the entry it is about: a path inside the archive or folder, or the file name.
 */
export const snapshotCodes = {
  'snapshot.format.unknown': {
    severity: 'error', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry} is not a format RPKI Lens reads ({reason}).',
    why: 'RPKI Lens reads repositories in the rsync layout of RFC 6481 (a folder, a tar or tar.gz archive of one), RRDP notification, snapshot and delta files (RFC 8182), and single RPKI objects and TALs.',
  },
  'snapshot.format.unsupported': {
    severity: 'error', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry} is a {format} file, which RPKI Lens does not unpack; repack it as .tar or .tar.gz.',
    why: 'Browsers decompress gzip natively; other compressors would need code of their own. rpki-client caches and RPKIViews archives are tar.gz.',
  },
  'snapshot.empty': {
    severity: 'warning', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry} holds no RPKI objects.',
    why: 'Nothing in the input maps to an RPKI object: the archive or folder is empty, holds only other files, or every entry was rejected (see the other findings).',
  },
  'snapshot.gzip.truncated': {
    severity: 'error', stage: 'load', spec: { rfc: 1952, section: '2.2' },
    sentence: '{entry}: the gzip stream ends early ({reason}); entries read before that point are kept.',
    why: 'A gzip member ends with a CRC-32 and the uncompressed length. A stream that stops before them was cut short, typically by an interrupted download; what follows the cut is lost.',
  },
  'snapshot.gzip.corrupt': {
    severity: 'error', stage: 'load', spec: { rfc: 1952, section: '2.3.1' },
    sentence: '{entry}: the gzip data is damaged ({reason}); entries read before the damage are kept.',
    why: 'Deflate data that does not decode, a CRC-32 that does not match, or bytes after the last member mean the file was altered or is not gzip at all. Decompression cannot resynchronise after the damage.',
  },
  'snapshot.tar.checksum': {
    severity: 'error', stage: 'load', spec: USTAR,
    sentence: '{entry}: the tar header at byte {offset} fails its checksum; {skipped} bytes were skipped to the next valid header.',
    why: 'Each ustar header carries the sum of its bytes. A mismatch means the header (its name, size or type) cannot be trusted, so the entry is dropped and reading resumes at the next header that checks out, as GNU tar does.',
  },
  'snapshot.tar.truncated': {
    severity: 'error', stage: 'load', spec: USTAR,
    sentence: '{entry}: the archive ends inside this entry ({got} of {size} bytes); it is skipped.',
    why: 'The header announced more bytes than the archive holds: the archive was cut short.',
  },
  'snapshot.tar.no-end-marker': {
    severity: 'warning', stage: 'load', spec: USTAR,
    sentence: '{entry} ends without the two zero blocks that close a tar archive; it may have been cut short after its last complete entry.',
    why: 'A tar archive ends with two blocks of zero bytes. Without them the last entries may be missing even though every entry read was complete.',
  },
  'snapshot.tar.corrupt': {
    severity: 'error', stage: 'load', spec: USTAR,
    sentence: '{entry}: the tar data cannot be read past {after} ({reason}); entries before it are kept.',
    why: 'The archive structure is broken beyond the point where a reader can find the next header.',
  },
  'snapshot.entry.link': {
    severity: 'warning', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry} is a {type} to "{target}"; links are not followed and the entry is skipped.',
    why: 'RPKI repositories hold plain files. A link in an archive can point outside it or alias another object, so it is never followed.',
  },
  'snapshot.entry.special': {
    severity: 'warning', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry} is a {type}, not a file; skipped.',
    why: 'Device files and FIFOs have no place in a repository snapshot.',
  },
  'snapshot.entry.path-unsafe': {
    severity: 'error', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry}: {reason}; the entry is skipped.',
    why: 'A path in a snapshot maps to an rsync URI (host, module, path). Absolute paths, ".." components and names that are not text could reach outside the repository or alias another object, so they are refused.',
  },
  'snapshot.entry.too-large': {
    severity: 'error', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry} is {size} bytes, over the {limit}-byte limit for one object; it is skipped without being read.',
    why: 'RPKI objects are small (certificates and ROAs a few kilobytes; the largest manifests and CRLs a few megabytes). Something much larger is not an RPKI object, and holding it would only cost memory.',
  },
  'snapshot.entry.not-rpki': {
    severity: 'info', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry} is not an RPKI object ({reason}); skipped.',
    why: 'Repository objects are named by type (.cer, .crl, .mft, .roa, .asa, .gbr, .sig, .tak, .spl). Other files in an archive or folder (logs, CSV outputs, nested archives) are not part of the repository.',
  },
  'snapshot.entry.not-der': {
    severity: 'warning', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry} is named like an RPKI object but does not start as DER does (first byte {byte}); it is loaded and will fail to decode.',
    why: 'Every RPKI object is a DER SEQUENCE, whose first byte is 0x30. Other content (base64 text, an HTML error page saved under the object\'s name) means the copy is damaged.',
  },
  'snapshot.entry.duplicate': {
    severity: 'error', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry} holds {uri} a second time, with different content; the first copy is kept.',
    why: 'A repository holds one object per URI. Two different copies mean the snapshot mixes states (or two trees were merged); RPKI Lens keeps the first it met, so the result does not depend on how long the archive is.',
  },
  'snapshot.entry.staging': {
    severity: 'info', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{uri} is taken from rpki-client\'s staging area ({entry}): the cache holds no validated copy of it.',
    why: 'rpki-client downloads into .rrdp/, .rsync/ and .ta/ before it moves validated files into the cache proper. A file found only there is used, but it is one rpki-client had not (yet) accepted.',
  },
  'snapshot.entry.read-failed': {
    severity: 'error', stage: 'load', spec: { rfc: 6481, section: '2' },
    sentence: '{entry} could not be read ({reason}); skipped.',
    why: 'The file disappeared or could not be opened while the folder was read.',
  },
  'snapshot.ta.from-snapshot': {
    severity: 'warning', stage: 'load', spec: { rfc: 8630, section: '3' },
    sentence: 'No TAL is given for the trust anchor certificate {entry}; RPKI Lens trusts it as TAL "{tal}" only because the snapshot holds it.',
    why: 'A TAL carries the trust anchor\'s key from an independent source. Taking the key from the certificate inside the snapshot checks the snapshot against itself; give the TAL to check it against the key you trust.',
  },
  'snapshot.tal.rejected': {
    severity: 'error', stage: 'load', spec: { rfc: 8630, section: '2.2' },
    sentence: '{entry} is not a usable TAL ({reason}).',
    why: 'TAL files found in a snapshot are offered as trust anchors; one that does not decode cannot be used.',
  },
  'snapshot.recorded.invalid': {
    severity: 'warning', stage: 'load', spec: { rfc: 6811, section: '2' },
    sentence: '{entry} is not rpki-client JSON output ({reason}); it is not used for comparison.',
    why: 'RPKIViews archives keep the output rpki-client produced from the same data (output/rpki-client.json), so that another validator\'s VRPs can be compared with it. This file could not be read as such.',
  },
  'snapshot.xml.doctype': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.4' },
    sentence: '{entry}: the XML has a document type declaration (line {line}); RRDP files must not, and the file is refused.',
    why: 'RRDP files follow the RELAX NG schema of RFC 8182, which has no DTD. A DOCTYPE can only serve to declare entities, the vehicle of XML external entity (XXE) and "billion laughs" attacks; rpki-client refuses such files outright, and so does RPKI Lens.',
  },
  'snapshot.xml.malformed': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.4' },
    sentence: '{entry}: not well-formed XML near line {line} ({reason}); reading stopped.',
    why: 'A relying party must reject an RRDP file that is not well-formed XML conforming to the schema. Objects read before the error are kept, with this finding.',
  },
  'snapshot.xml.limit': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.4' },
    sentence: '{entry}: {what} longer than {limit} characters near line {line}; reading stopped.',
    why: 'RRDP markup is small: a few attributes per element. Tags, comments or text outside publish elements this long are a resource attack, not RRDP.',
  },
  'snapshot.xml.encoding': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.1.3' },
    sentence: '{entry}: {reason}; RRDP files are US-ASCII.',
    why: 'RFC 8182 requires US-ASCII for every RRDP file. RPKI Lens also accepts UTF-8, its superset, but no other encoding.',
  },
  'snapshot.rrdp.not-rrdp': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.4' },
    sentence: '{entry}: the root element <{element}> is not an RRDP notification, snapshot or delta.',
    why: 'RRDP defines three documents, with root elements notification, snapshot and delta.',
  },
  'snapshot.rrdp.namespace': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.4' },
    sentence: '{entry}: <{element}> is in namespace "{namespace}", not http://www.ripe.net/rpki/rrdp.',
    why: 'Every RRDP element is in the namespace http://www.ripe.net/rpki/rrdp; rpki-client rejects a file with any other.',
  },
  'snapshot.rrdp.version': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.1.3' },
    sentence: '{entry}: version "{version}" is not 1.',
    why: 'RFC 8182 defines version 1 of each RRDP file; a relying party cannot know what another version means.',
  },
  'snapshot.rrdp.session-id': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.1.3' },
    sentence: '{entry}: session_id "{session}" is not a UUID.',
    why: 'The session_id names one session of the repository server: an RFC 4122 UUID, which relying parties compare between files.',
  },
  'snapshot.rrdp.serial': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.1.3' },
    sentence: '{entry}: serial "{serial}" on <{element}> is not a positive decimal integer.',
    why: 'Serials number the states of a session: unbounded positive integers in decimal.',
  },
  'snapshot.rrdp.attribute.missing': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.4' },
    sentence: '{entry}: <{element}> near line {line} lacks the {attribute} attribute.',
    why: 'The RRDP schema makes the attribute mandatory on this element.',
  },
  'snapshot.rrdp.attribute.unexpected': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.4' },
    sentence: '{entry}: <{element}> near line {line} has an attribute {attribute} that RRDP does not define there.',
    why: 'The RRDP schema lists the attributes of each element; rpki-client rejects files with others.',
  },
  'snapshot.rrdp.element.unexpected': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.4' },
    sentence: '{entry}: <{element}> near line {line} is not allowed inside <{parent}>.',
    why: 'A notification holds one snapshot and delta elements; a snapshot holds publish elements; a delta holds publish and withdraw elements; none of them nest further.',
  },
  'snapshot.rrdp.text.unexpected': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.4' },
    sentence: '{entry}: text near line {line} outside a publish element; RRDP elements hold no other text.',
    why: 'Only publish elements carry content (base64); anywhere else only whitespace may appear between elements.',
  },
  'snapshot.rrdp.snapshot.count': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.1.3' },
    sentence: '{entry}: the notification has {count} snapshot elements; it must have exactly one.',
    why: 'The notification names the one snapshot of its current serial.',
  },
  'snapshot.rrdp.hash.invalid': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.1.3' },
    sentence: '{entry}: hash "{hash}" on <{element}> near line {line} is not a hex SHA-256 hash.',
    why: 'RRDP hashes are SHA-256 digests written as 64 hexadecimal digits.',
  },
  'snapshot.rrdp.uri.invalid': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.2.3' },
    sentence: '{entry}: "{uri}" on <{element}> near line {line} is not an rsync URI of an object ({reason}); the element is skipped.',
    why: 'Published objects are named by their rsync URIs (RFC 6481), which the validation walk looks up; a URI with ".." or without host and path cannot name an object in a repository.',
  },
  'snapshot.rrdp.base64': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.2.3' },
    sentence: '{entry}: the content of <{element}> for {uri} is not base64 ({reason}); the object is skipped.',
    why: 'A publish element carries the object\'s bytes in base64 (RFC 4648 §4), possibly wrapped over lines.',
  },
  'snapshot.rrdp.publish.duplicate': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.2.3' },
    sentence: '{entry}: {uri} is published again near line {line}, with different content (a collision); the first copy is kept.',
    why: 'A snapshot states each object of the repository once. Two different publish elements for one URI (what RIPE NCC\'s rpki-monitoring counts as a collision) leave its content undefined.',
  },
  'snapshot.rrdp.withdraw.content': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.3.3' },
    sentence: '{entry}: the withdraw element for {uri} near line {line} has content; withdraw elements are empty.',
    why: 'A withdraw names an object by URI and hash only.',
  },
  'snapshot.rrdp.snapshot.hash-mismatch': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.1.3' },
    sentence: '{entry}: the snapshot\'s SHA-256 is {found}, but the notification {notification} names {expected}; the snapshot is refused.',
    why: 'The notification vouches for its snapshot by hash; a relying party must reject a snapshot whose hash differs (it was altered, or belongs to another state).',
  },
  'snapshot.rrdp.snapshot.session-mismatch': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.2.3' },
    sentence: '{entry}: the snapshot is of session {found}, but the notification {notification} is of session {expected}; the snapshot is refused.',
    why: 'A snapshot must belong to the session of the notification that names it.',
  },
  'snapshot.rrdp.snapshot.serial-mismatch': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.2.3' },
    sentence: '{entry}: the snapshot has serial {found}, but the notification {notification} names it for serial {expected}; the snapshot is refused.',
    why: 'The snapshot a notification names must have the notification\'s serial.',
  },
  'snapshot.rrdp.delta.hash-mismatch': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.1.3' },
    sentence: '{entry}: the delta\'s SHA-256 is {found}, but the notification {notification} names {expected} for serial {serial}; it is not applied.',
    why: 'The notification vouches for each delta by hash; a relying party must reject a delta whose hash differs.',
  },
  'snapshot.rrdp.delta.session-mismatch': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.3.3' },
    sentence: '{entry}: the delta is of session {found}, not {expected}; it is not applied.',
    why: 'Deltas apply only within their own session; after a session reset a relying party starts again from the snapshot.',
  },
  'snapshot.rrdp.delta.serial-mismatch': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.3.3' },
    sentence: '{entry}: the delta has serial {found}, but the notification lists it for serial {expected}; it is not applied.',
    why: 'A delta\'s serial must be the one the notification lists it under.',
  },
  'snapshot.rrdp.delta.not-listed': {
    severity: 'warning', stage: 'load', spec: { rfc: 8182, section: '3.4.1' },
    sentence: '{entry}: the notification {notification} does not list delta {serial}; its hash cannot be checked.',
    why: 'Notifications list recent deltas only. A delta file that is not listed has no hash to check it against.',
  },
  'snapshot.rrdp.delta.hash-conflict': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.3.3' },
    sentence: '{entry}: the {op} of {uri} expects an object with SHA-256 {expected}, but the current one is {found}; deltas from serial {serial} on are not applied.',
    why: 'A publish with a hash attribute replaces, and a withdraw removes, exactly the object with that hash. A mismatch means the deltas do not continue the state they are applied to.',
  },
  'snapshot.rrdp.delta.object-missing': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.3.3' },
    sentence: '{entry}: the {op} of {uri} expects an existing object, but there is none; deltas from serial {serial} on are not applied.',
    why: 'A withdraw, or a publish with a hash attribute, acts on an object the relying party already holds.',
  },
  'snapshot.rrdp.delta.object-exists': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.3.3' },
    sentence: '{entry}: {uri} is published without a hash attribute, but an object is already there; deltas from serial {serial} on are not applied.',
    why: 'A publish without a hash attribute adds a new object; replacing one requires the hash of the object replaced.',
  },
  'snapshot.rrdp.delta.gap': {
    severity: 'warning', stage: 'load', spec: { rfc: 8182, section: '3.4.1' },
    sentence: '{entry}: no delta for serial {serial} is at hand, so the state stops at serial {reached} instead of {target}.',
    why: 'Deltas apply one serial after another. With one missing the later ones cannot be used; the state is the last one reached.',
  },
  'snapshot.rrdp.delta.alone': {
    severity: 'warning', stage: 'load', spec: { rfc: 8182, section: '3.4.2' },
    sentence: '{entry} is a delta without the snapshot it applies to: only its {published} published objects are loaded; its {withdrawn} withdrawals have nothing to act on.',
    why: 'A delta lists changes from the previous serial. Alone it is not a repository state; load it beside a snapshot (a folder with the notification) to apply it.',
  },
  'snapshot.rrdp.notification.delta-serials': {
    severity: 'warning', stage: 'load', spec: { rfc: 8182, section: '3.4.1' },
    sentence: '{entry}: the listed deltas do not run contiguously up to serial {serial} (missing {missing}).',
    why: 'A relying party can apply the listed deltas only as an unbroken chain ending at the notification\'s serial; with gaps, one behind the gap must use the snapshot.',
  },
  'snapshot.rrdp.notification.delta-duplicate': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.5.1.3' },
    sentence: '{entry}: the notification lists serial {serial} twice.',
    why: 'Each delta element names the delta of one serial.',
  },
  'snapshot.rrdp.notification.only': {
    severity: 'info', stage: 'load', spec: { rfc: 8182, section: '3.4.1' },
    sentence: '{entry} is a notification (session {session}, serial {serial}); it holds no objects. Add the snapshot file it names to load the repository.',
    why: 'The notification lists the snapshot and deltas by URI and hash; the objects are in those files.',
  },
  'snapshot.rrdp.notification.none': {
    severity: 'warning', stage: 'load', spec: { rfc: 8182, section: '3.4.1' },
    sentence: '{entry}: no notification file vouches for snapshot {snapshot}; its hash is not checked.',
    why: 'Without the notification the snapshot\'s integrity rests on how the file was obtained.',
  },
  'snapshot.rrdp.snapshot.missing': {
    severity: 'error', stage: 'load', spec: { rfc: 8182, section: '3.4.1' },
    sentence: '{entry}: no usable snapshot file of session {session} is at hand.',
    why: 'The repository state is the snapshot plus the deltas after it; without a snapshot of the session nothing can be loaded.',
  },
  'snapshot.rrdp.snapshot.behind': {
    severity: 'warning', stage: 'load', spec: { rfc: 8182, section: '3.4.1' },
    sentence: '{entry}: the snapshot has serial {serial}, older than the notification\'s {target}; the deltas after it are applied where present.',
    why: 'An older snapshot is brought up to date by the deltas that follow it; the notification cannot vouch for the older snapshot itself.',
  },
  'snapshot.rrdp.file.ignored': {
    severity: 'info', stage: 'load', spec: { rfc: 8182, section: '3.4.1' },
    sentence: '{entry} ({element}, session {session}, serial {serial}) is not used: {reason}.',
    why: 'A folder may hold RRDP files of other sessions or serials than the state being loaded.',
  },
} as const satisfies Record<string, CodeInfo>;
