/** A tar archive holding one regular file: what Docker's putArchive takes to place a config file
 * (ustar header, content padded to 512 bytes, two empty blocks). */
export function singleFileTar(name: string, content: string | Buffer, options: { mode: number; uid: number; gid: number }): Buffer {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (Buffer.byteLength(name) > 100) throw new Error('tar entry name too long');
  const header = Buffer.alloc(512, 0);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  const octal = (offset: number, length: number, value: number) => field(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  field(0, 100, name);
  octal(100, 8, options.mode);
  octal(108, 8, options.uid);
  octal(116, 8, options.gid);
  octal(124, 12, data.length);
  octal(136, 12, Math.floor(Date.now() / 1000));
  field(148, 8, '        '); // checksum is computed with this field as spaces
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let checksum = 0;
  for (const byte of header) checksum += byte;
  field(148, 8, `${checksum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512, 0);
  return Buffer.concat([header, data, padding, Buffer.alloc(1024, 0)]);
}
