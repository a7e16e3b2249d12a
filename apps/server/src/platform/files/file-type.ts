import fs from 'node:fs';
import yauzl from 'yauzl';

/** The document kinds a record may carry: photos of sign-in sheets, slides, scanned resolutions. */
export type DocumentKind = { mediaType: string; ext: string };

const JPEG: DocumentKind = { mediaType: 'image/jpeg', ext: 'jpg' };
const PNG: DocumentKind = { mediaType: 'image/png', ext: 'png' };
const PDF: DocumentKind = { mediaType: 'application/pdf', ext: 'pdf' };
const DOCX: DocumentKind = { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
const XLSX: DocumentKind = { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };

async function zipEntryNames(file: string): Promise<Set<string> | null> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: true, strictFileNames: false });
  } catch {
    return null;
  }
  const names = new Set<string>();
  return new Promise((resolve) => {
    zip.on('entry', (e: yauzl.Entry) => {
      names.add(e.fileName.replace(/^\/+/, ''));
      if (names.size > 10_000) {
        zip.close();
        return resolve(null);
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(names));
    zip.on('error', () => resolve(null));
    zip.readEntry();
  });
}

/**
 * What a file is, from its bytes — never from the client's name or Content-Type (ASVS 5.2.2). Office
 * files are zips: a docx or xlsx must have its main part, and one carrying macros (vbaProject.bin) is
 * refused. Anything else is null.
 */
export async function sniffDocument(file: string): Promise<DocumentKind | null> {
  const fd = await fs.promises.open(file, 'r');
  const head = Buffer.alloc(8);
  try {
    await fd.read(head, 0, 8, 0);
  } finally {
    await fd.close();
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return JPEG;
  if (head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return PNG;
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  if (head.readUInt32LE(0) === 0x04034b50) {
    const names = await zipEntryNames(file);
    if (!names || !names.has('[Content_Types].xml') || [...names].some((n) => n.endsWith('vbaProject.bin'))) return null;
    if (names.has('word/document.xml')) return DOCX;
    if (names.has('xl/workbook.xml')) return XLSX;
  }
  return null;
}
