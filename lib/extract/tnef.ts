/** One file carried in a TNEF (`winmail.dat`) stream. */
export interface TnefFile {
  filename: string;
  content: Uint8Array;
}

const SIGNATURE = 0x223e9f78;
const LVL_ATTACHMENT = 0x02;
const ATT_BODY = 0x800c;
const ATT_ATTACH_DATA = 0x800f;
const ATT_ATTACH_TITLE = 0x8010;
const ATT_ATTACH_REND_DATA = 0x9002;

/**
 * Unpacks Outlook's TNEF: the plain body and the attached files. The format is a flat list of
 * attributes (level, id, length, data, checksum); a rendering-data attribute opens each file.
 * Written here because the npm reader copies the rest of the stream at every attribute
 * (quadratic on hostile input) and pulls in a CLI's dependencies. Throws on a broken stream.
 */
export function unpackTnef(bytes: Uint8Array): { body: string; files: TnefFile[] } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 6 || v.getUint32(0, true) !== SIGNATURE) throw new Error("not a TNEF stream");
  const files: { filename: string; content: Uint8Array }[] = [];
  let body = "";
  let p = 6;
  while (p + 9 <= bytes.length) {
    const level = bytes[p];
    const name = v.getUint16(p + 1, true);
    const length = v.getUint32(p + 5, true);
    const start = p + 9;
    if (start + length + 2 > bytes.length) throw new Error("TNEF attribute runs past the end");
    const data = bytes.subarray(start, start + length);
    if (name === ATT_ATTACH_REND_DATA) files.push({ filename: "", content: new Uint8Array() });
    else if (level === LVL_ATTACHMENT && files.length > 0) {
      const file = files[files.length - 1];
      if (name === ATT_ATTACH_TITLE) file.filename = cString(data);
      if (name === ATT_ATTACH_DATA) file.content = data;
    } else if (name === ATT_BODY) body = cString(data);
    p = start + length + 2;
  }
  return {
    body,
    files: files.filter((f) => f.content.length > 0).map((f, i) => ({
      filename: f.filename || `winmail-${i + 1}.bin`,
      content: f.content,
    })),
  };
}

// TNEF strings are 8-bit in the sender's code page, NUL-terminated; windows-1252 is the common
// case and never fails to decode.
function cString(data: Uint8Array): string {
  const end = data.indexOf(0);
  return new TextDecoder("windows-1252").decode(end < 0 ? data : data.subarray(0, end));
}
