import { Transform } from 'node:stream';

export interface TarFileCounter extends Transform {
  /** Regular files seen so far (final once the stream has ended). */
  files(): number;
}

/**
 * A pass-through that counts the regular files of a tar stream by reading its 512-byte headers and
 * skipping the bodies, so a drill can compare an archive with what was extracted without a second
 * read or holding more than one header in memory. ustar, GNU long names and pax headers (the last two
 * describe the next entry and are not counted).
 */
export function createTarFileCounter(): TarFileCounter {
  let files = 0;
  let header = Buffer.alloc(0);
  let skip = 0; // body bytes (rounded to 512) of the current entry still to pass
  let ended = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let offset = 0;
      while (offset < chunk.length && !ended) {
        if (skip > 0) {
          const step = Math.min(skip, chunk.length - offset);
          skip -= step;
          offset += step;
          continue;
        }
        const take = Math.min(512 - header.length, chunk.length - offset);
        header = Buffer.concat([header, chunk.subarray(offset, offset + take)]);
        offset += take;
        if (header.length < 512) break;
        if (header.every((byte) => byte === 0)) {
          ended = true; // end-of-archive marker
        } else {
          const type = String.fromCharCode(header[156]!);
          const size = parseTarSize(header.subarray(124, 136));
          if (type === '0' || type === '\0' || type === '7') files += 1;
          skip = Math.ceil(size / 512) * 512;
        }
        header = Buffer.alloc(0);
      }
      callback(null, chunk);
    },
  }) as TarFileCounter;
  counter.files = () => files;
  return counter;
}

/** Octal, or GNU base-256 for sizes beyond 8 GiB (high bit of the first byte set). */
function parseTarSize(field: Buffer): number {
  if (field[0]! & 0x80) {
    let value = 0;
    for (let i = 1; i < field.length; i += 1) value = value * 256 + field[i]!;
    return value;
  }
  const text = field.toString('ascii').replace(/\0.*$/s, '').trim();
  return text ? parseInt(text, 8) : 0;
}
