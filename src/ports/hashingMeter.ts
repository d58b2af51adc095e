import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

export interface HashingMeter extends Transform {
  /** Valid once the stream has ended. */
  result(): { size: number; sha256: string };
}

/** A pass-through that hashes and counts what flows through it, so checksums cost no second read. */
export function createHashingMeter(): HashingMeter {
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | null = null;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      digest = hash.digest('hex');
      callback();
    },
  }) as HashingMeter;
  meter.result = () => {
    if (digest === null) throw new Error('the hashing meter has not seen the end of its stream');
    return { size, sha256: digest };
  };
  return meter;
}
