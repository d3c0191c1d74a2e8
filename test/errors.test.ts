// Every filesystem or zlib failure becomes an InputError that names the file, with a code the
// tests (and a caller) can check. The e2e tests reach most of these through real files; a file
// root cannot read (EACCES) needs a non-root user, so its mapping is checked here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toInputError, type InputErrorCode } from '../src/errors.js';

const CASES: ReadonlyArray<[string, { code?: string; message: string }, InputErrorCode, RegExp]> = [
  ['ENOENT', { code: 'ENOENT', message: "ENOENT: no such file or directory, open 'x'" }, 'INPUT_NOT_FOUND', /^spamd\.log: no such file$/],
  ['ENOTDIR', { code: 'ENOTDIR', message: 'ENOTDIR: not a directory' }, 'INPUT_NOT_FOUND', /^spamd\.log: no such file \(a part of the path/],
  ['EACCES', { code: 'EACCES', message: 'EACCES: permission denied' }, 'INPUT_UNREADABLE', /^spamd\.log: permission denied$/],
  ['EPERM', { code: 'EPERM', message: 'EPERM: operation not permitted' }, 'INPUT_UNREADABLE', /^spamd\.log: permission denied$/],
  ['EISDIR', { code: 'EISDIR', message: 'EISDIR: illegal operation on a directory' }, 'INPUT_IS_DIRECTORY', /^spamd\.log: is a directory/],
  ['ELOOP', { code: 'ELOOP', message: 'ELOOP: too many symbolic links encountered' }, 'INPUT_UNREADABLE', /^spamd\.log: too many symbolic links/],
  ['Z_DATA_ERROR', { code: 'Z_DATA_ERROR', message: 'invalid block type' }, 'INPUT_CORRUPT', /^spamd\.log: corrupt gzip data \(invalid block type\); lines read before/],
  ['Z_BUF_ERROR', { code: 'Z_BUF_ERROR', message: 'unexpected end of file' }, 'INPUT_CORRUPT', /^spamd\.log: corrupt gzip data/],
  ['CRC mismatch', { code: 'Z_DATA_ERROR', message: 'incorrect data check' }, 'INPUT_CORRUPT', /^spamd\.log: corrupt gzip data \(incorrect data check\): the text unpacked but is not what was packed; lines after the damage may be garbled$/],
  ['length mismatch', { code: 'Z_DATA_ERROR', message: 'incorrect length check' }, 'INPUT_CORRUPT', /may be garbled$/],
  ['unexpected end', { message: 'unexpected end of file' }, 'INPUT_CORRUPT', /^spamd\.log: truncated gzip file; lines read before/],
  ['EIO', { code: 'EIO', message: 'EIO: i/o error, read' }, 'INPUT_UNREADABLE', /^spamd\.log: EIO: i\/o error, read$/],
];

for (const [name, cause, code, message] of CASES) {
  test(`toInputError: ${name} → ${code}`, () => {
    const err = Object.assign(new Error(cause.message), cause.code ? { code: cause.code } : {});
    const e = toInputError('spamd.log', err);
    assert.equal(e.code, code);
    assert.equal(e.source, 'spamd.log');
    assert.match(e.message, message);
    assert.equal(e.cause, err);
  });
}
