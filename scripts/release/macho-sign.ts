/**
 * Ad-hoc code signing of a thin 64-bit Mach-O, laid out as `codesign --sign - --force` lays it out: at the end of
 * __LINKEDIT an embedded-signature SuperBlob holding a SHA-256 CodeDirectory (version 0x20400, flags CS_ADHOC, one
 * hash per 4 KiB page of the file up to the signature), an empty requirement set and an empty CMS wrapper. Apple
 * Silicon refuses executables without a valid signature, and injecting the SEA blob breaks Node's own.
 * The Mach-O header is little-endian (both targets are); everything inside the signature is big-endian.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

const MH_MAGIC_64 = 0xfeedfacf;
const MH_HEADER_SIZE = 32;
const MH_EXECUTE = 0x2;
const CPU_TYPE_ARM64 = 0x0100000c;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const LINKEDIT_DATA_COMMAND_SIZE = 16;
const SEGMENT_COMMAND_SIZE = 72;
const SECTION_SIZE = 80;

const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CSMAGIC_REQUIREMENTS = 0xfade0c01;
const CSMAGIC_BLOBWRAPPER = 0xfade0b01;
const CSSLOT_CODEDIRECTORY = 0;
const CSSLOT_REQUIREMENTS = 2;
const CSSLOT_SIGNATURESLOT = 0x10000;
const CS_ADHOC = 0x2;
const CS_EXECSEG_MAIN_BINARY = 0x1;
const CS_HASHTYPE_SHA256 = 2;
/** The first version with execSegBase/Limit/Flags; its fixed header is 88 bytes. */
const CODEDIRECTORY_VERSION = 0x20400;
const CODEDIRECTORY_HEADER_SIZE = 88;
const HASH_SIZE = 32;
const PAGE_SHIFT = 12;
const PAGE_SIZE = 1 << PAGE_SHIFT;
/** Slot -1 (Info.plist, unbound: zeros) and slot -2 (the requirement set), as codesign writes for a bare executable. */
const SPECIAL_SLOTS = 2;
/** The signature starts 16-byte aligned, as ld64 and codesign place it. */
const SIGNATURE_ALIGNMENT = 16;

export interface Segment {
  readonly name: string;
  /** Where its load command starts in the file. */
  readonly commandOffset: number;
  readonly fileoff: number;
  readonly filesize: number;
}

export interface CodeSignatureCommand {
  readonly commandOffset: number;
  readonly dataoff: number;
  readonly datasize: number;
}

export interface MachO {
  readonly cputype: number;
  readonly filetype: number;
  readonly ncmds: number;
  readonly sizeofcmds: number;
  readonly segments: readonly Segment[];
  readonly codeSignature: CodeSignatureCommand | undefined;
  /** The lowest file offset of any section's contents: load commands may grow up to here. */
  readonly firstSectionOffset: number;
}

/** What the first four bytes say when they are not a little-endian 64-bit Mach-O, in words. */
function unsupportedKind(magicBE: number, magicLE: number): string {
  if (magicBE === 0xcafebabe || magicBE === 0xcafebabf) return 'a universal (fat) Mach-O: sign each architecture on its own';
  if (magicLE === 0xfeedface || magicBE === 0xfeedface) return 'a 32-bit Mach-O: only 64-bit Mach-O is supported';
  if (magicBE === MH_MAGIC_64) return 'a big-endian 64-bit Mach-O: only little-endian Mach-O is supported';
  return 'not a Mach-O file';
}

function readSegment(binary: Buffer, offset: number): Segment & { readonly nsects: number } {
  const name = binary.subarray(offset + 8, offset + 24).toString('latin1').replace(/\0+$/, '');
  return {
    name,
    commandOffset: offset,
    fileoff: Number(binary.readBigUInt64LE(offset + 40)),
    filesize: Number(binary.readBigUInt64LE(offset + 48)),
    nsects: binary.readUInt32LE(offset + 64),
  };
}

export function parseMachO(binary: Buffer): MachO {
  if (binary.length < MH_HEADER_SIZE) throw new Error(`not a Mach-O file: ${binary.length} bytes`);
  const magic = binary.readUInt32LE(0);
  if (magic !== MH_MAGIC_64) throw new Error(`${unsupportedKind(binary.readUInt32BE(0), magic)} (magic 0x${binary.readUInt32BE(0).toString(16)})`);
  const ncmds = binary.readUInt32LE(16);
  const sizeofcmds = binary.readUInt32LE(20);
  const commandsEnd = MH_HEADER_SIZE + sizeofcmds;
  if (commandsEnd > binary.length) throw new Error(`the load commands (${sizeofcmds} bytes) run past the end of the file`);
  const segments: Segment[] = [];
  let codeSignature: CodeSignatureCommand | undefined;
  let firstSectionOffset = binary.length;
  let offset = MH_HEADER_SIZE;
  for (let index = 0; index < ncmds; index++) {
    if (offset + 8 > commandsEnd) throw new Error(`load command ${index} starts past sizeofcmds`);
    const cmd = binary.readUInt32LE(offset);
    const cmdsize = binary.readUInt32LE(offset + 4);
    if (cmdsize < 8 || offset + cmdsize > commandsEnd) throw new Error(`load command ${index} has a bad size ${cmdsize}`);
    if (cmd === LC_SEGMENT_64) {
      const { nsects, ...segment } = readSegment(binary, offset);
      segments.push(segment);
      for (let section = 0; section < nsects; section++) {
        const contents = binary.readUInt32LE(offset + SEGMENT_COMMAND_SIZE + section * SECTION_SIZE + 48);
        if (contents > 0) firstSectionOffset = Math.min(firstSectionOffset, contents);
      }
    } else if (cmd === LC_CODE_SIGNATURE) {
      codeSignature = { commandOffset: offset, dataoff: binary.readUInt32LE(offset + 8), datasize: binary.readUInt32LE(offset + 12) };
    }
    offset += cmdsize;
  }
  if (offset !== commandsEnd) throw new Error(`the load commands take ${offset - MH_HEADER_SIZE} bytes, the header says ${sizeofcmds}`);
  return { cputype: binary.readUInt32LE(4), filetype: binary.readUInt32LE(12), ncmds, sizeofcmds, segments, codeSignature, firstSectionOffset };
}

function segmentNamed(macho: MachO, name: string): Segment {
  const segment = macho.segments.find((s) => s.name === name);
  if (!segment) throw new Error(`the Mach-O has no ${name} segment`);
  return segment;
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/** A blob with no contents but its header: the empty requirement set (count 0) or the empty CMS signature. */
function emptyBlob(magic: number, size: number): Buffer {
  const blob = Buffer.alloc(size);
  blob.writeUInt32BE(magic, 0);
  blob.writeUInt32BE(size, 4);
  return blob;
}

const EMPTY_REQUIREMENTS = emptyBlob(CSMAGIC_REQUIREMENTS, 12);
const EMPTY_CMS_SIGNATURE = emptyBlob(CSMAGIC_BLOBWRAPPER, 8);

export interface CodeDirectoryInput {
  readonly identifier: string;
  /** The file up to the signature: every page of it is hashed. */
  readonly code: Buffer;
  readonly execSegBase: number;
  readonly execSegLimit: number;
  readonly mainBinary: boolean;
}

function codeSlotCount(codeLimit: number): number {
  return Math.ceil(codeLimit / PAGE_SIZE);
}

function codeDirectorySize(identifier: string, codeLimit: number): number {
  return CODEDIRECTORY_HEADER_SIZE + Buffer.byteLength(identifier) + 1 + (SPECIAL_SLOTS + codeSlotCount(codeLimit)) * HASH_SIZE;
}

export function buildCodeDirectory(input: CodeDirectoryInput): Buffer {
  const codeLimit = input.code.length;
  const nCodeSlots = codeSlotCount(codeLimit);
  const identOffset = CODEDIRECTORY_HEADER_SIZE;
  const hashOffset = identOffset + Buffer.byteLength(input.identifier) + 1 + SPECIAL_SLOTS * HASH_SIZE;
  const blob = Buffer.alloc(codeDirectorySize(input.identifier, codeLimit));
  blob.writeUInt32BE(CSMAGIC_CODEDIRECTORY, 0);
  blob.writeUInt32BE(blob.length, 4);
  blob.writeUInt32BE(CODEDIRECTORY_VERSION, 8);
  blob.writeUInt32BE(CS_ADHOC, 12);
  blob.writeUInt32BE(hashOffset, 16);
  blob.writeUInt32BE(identOffset, 20);
  blob.writeUInt32BE(SPECIAL_SLOTS, 24);
  blob.writeUInt32BE(nCodeSlots, 28);
  blob.writeUInt32BE(codeLimit, 32);
  blob.writeUInt8(HASH_SIZE, 36);
  blob.writeUInt8(CS_HASHTYPE_SHA256, 37);
  blob.writeUInt8(PAGE_SHIFT, 39);
  // platform, spare2, scatterOffset, teamOffset, spare3 and codeLimit64 stay zero.
  blob.writeBigUInt64BE(BigInt(input.execSegBase), 64);
  blob.writeBigUInt64BE(BigInt(input.execSegLimit), 72);
  blob.writeBigUInt64BE(BigInt(input.mainBinary ? CS_EXECSEG_MAIN_BINARY : 0), 80);
  blob.write(input.identifier, identOffset, 'utf8');
  sha256(EMPTY_REQUIREMENTS).copy(blob, hashOffset - CSSLOT_REQUIREMENTS * HASH_SIZE);
  for (let page = 0; page < nCodeSlots; page++) {
    sha256(input.code.subarray(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)).copy(blob, hashOffset + page * HASH_SIZE);
  }
  return blob;
}

/** The blobs of the signature by slot, in the order of their slot numbers. */
function signatureBlobs(codeDirectory: Buffer): [number, Buffer][] {
  return [[CSSLOT_CODEDIRECTORY, codeDirectory], [CSSLOT_REQUIREMENTS, EMPTY_REQUIREMENTS], [CSSLOT_SIGNATURESLOT, EMPTY_CMS_SIGNATURE]];
}

/** The SuperBlob's header (magic, length, count) and one index entry (slot, offset) per blob. */
function superBlobHeaderSize(blobCount: number): number {
  return 12 + blobCount * 8;
}

function superBlobSize(codeDirectoryLength: number): number {
  const blobs = signatureBlobs(Buffer.alloc(codeDirectoryLength));
  return superBlobHeaderSize(blobs.length) + blobs.reduce((size, [, blob]) => size + blob.length, 0);
}

export function buildSuperBlob(codeDirectory: Buffer): Buffer {
  const blobs = signatureBlobs(codeDirectory);
  const header = Buffer.alloc(superBlobHeaderSize(blobs.length));
  header.writeUInt32BE(CSMAGIC_EMBEDDED_SIGNATURE, 0);
  header.writeUInt32BE(blobs.length, 8);
  let offset = header.length;
  blobs.forEach(([slot, blob], index) => {
    header.writeUInt32BE(slot, 12 + index * 8);
    header.writeUInt32BE(offset, 16 + index * 8);
    offset += blob.length;
  });
  header.writeUInt32BE(offset, 4);
  return Buffer.concat([header, ...blobs.map(([, blob]) => blob)]);
}

/**
 * Where the new signature goes: the old one, if any, is dropped (its bytes are not code), and the signature takes
 * the end of __LINKEDIT, which must be the end of the file, however much room the old one had.
 */
function signatureOffset(binary: Buffer, macho: MachO, linkedit: Segment): number {
  const linkeditEnd = linkedit.fileoff + linkedit.filesize;
  if (linkeditEnd !== binary.length) throw new Error(`__LINKEDIT ends at ${linkeditEnd}, not at the end of the file (${binary.length}): the signature could not go last`);
  const existing = macho.codeSignature;
  if (existing && existing.dataoff + existing.datasize !== linkeditEnd) throw new Error('the existing code signature is not at the end of __LINKEDIT');
  if (existing && existing.dataoff < linkedit.fileoff) throw new Error('the existing code signature lies outside __LINKEDIT');
  return existing?.dataoff ?? binary.length;
}

/** Room for a new LC_CODE_SIGNATURE: the bytes after the load commands must be free (zero) up to the first section. */
function checkHeaderRoom(binary: Buffer, macho: MachO): void {
  const end = MH_HEADER_SIZE + macho.sizeofcmds;
  const room = binary.subarray(end, end + LINKEDIT_DATA_COMMAND_SIZE);
  if (end + LINKEDIT_DATA_COMMAND_SIZE > macho.firstSectionOffset || room.some((byte) => byte !== 0)) {
    throw new Error('no room after the load commands for LC_CODE_SIGNATURE (the binary needs more header padding)');
  }
}

/**
 * The binary ad-hoc signed under `identifier` (codesign takes the file name): the header gains or updates
 * LC_CODE_SIGNATURE, __LINKEDIT grows or shrinks to end with the new signature, everything else is kept.
 */
export function adHocSign(binary: Buffer, identifier: string): Buffer {
  const macho = parseMachO(binary);
  const text = segmentNamed(macho, '__TEXT');
  const linkedit = segmentNamed(macho, '__LINKEDIT');
  const kept = signatureOffset(binary, macho, linkedit);
  if (!macho.codeSignature) checkHeaderRoom(binary, macho);
  const codeLimit = alignUp(kept, SIGNATURE_ALIGNMENT);
  const datasize = alignUp(superBlobSize(codeDirectorySize(identifier, codeLimit)), SIGNATURE_ALIGNMENT);
  if (codeLimit + datasize > 0xffffffff) throw new Error('the binary is too large for a 32-bit code signature offset');

  const signed = Buffer.alloc(codeLimit + datasize);
  binary.copy(signed, 0, 0, kept);
  const commandOffset = macho.codeSignature?.commandOffset ?? MH_HEADER_SIZE + macho.sizeofcmds;
  if (!macho.codeSignature) {
    signed.writeUInt32LE(macho.ncmds + 1, 16);
    signed.writeUInt32LE(macho.sizeofcmds + LINKEDIT_DATA_COMMAND_SIZE, 20);
  }
  signed.writeUInt32LE(LC_CODE_SIGNATURE, commandOffset);
  signed.writeUInt32LE(LINKEDIT_DATA_COMMAND_SIZE, commandOffset + 4);
  signed.writeUInt32LE(codeLimit, commandOffset + 8);
  signed.writeUInt32LE(datasize, commandOffset + 12);
  const linkeditSize = codeLimit + datasize - linkedit.fileoff;
  const vmPage = macho.cputype === CPU_TYPE_ARM64 ? 0x4000 : 0x1000;
  signed.writeBigUInt64LE(BigInt(alignUp(linkeditSize, vmPage)), linkedit.commandOffset + 32);
  signed.writeBigUInt64LE(BigInt(linkeditSize), linkedit.commandOffset + 48);

  const codeDirectory = buildCodeDirectory({
    identifier,
    code: signed.subarray(0, codeLimit),
    execSegBase: text.fileoff,
    execSegLimit: text.filesize,
    mainBinary: macho.filetype === MH_EXECUTE,
  });
  buildSuperBlob(codeDirectory).copy(signed, codeLimit);
  return signed;
}

/** Signs the file in place. */
export async function adHocSignFile(path: string, identifier: string): Promise<void> {
  await writeFile(path, adHocSign(await readFile(path), identifier));
}
