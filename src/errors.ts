// The known error classes and the one place that maps them to exit codes.

export type InputErrorCode =
  | 'INPUT_NOT_FOUND'
  | 'INPUT_UNREADABLE'
  | 'INPUT_IS_DIRECTORY'
  | 'INPUT_CORRUPT'
  | 'NO_DEFAULT_INPUT';

/** Standard output could not be written (a full disk, /dev/full): exit 1. A reader that went away (EPIPE) is no error. */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** A wrong option value or usage: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An input that could not be read (fully): exit 1, the other inputs are still read. */
export class InputError extends Error {
  override name = 'InputError';
  readonly code: InputErrorCode;
  readonly source: string;
  constructor(code: InputErrorCode, source: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.source = source;
  }
}

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_OUTPUT = 1;

/** Turn a Node.js filesystem error into an InputError that names the file. */
export function toInputError(source: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why = (err as Error | undefined)?.message ?? String(err);
  switch (code) {
    case 'ENOENT':
      return new InputError('INPUT_NOT_FOUND', source, `${source}: no such file`, { cause: err });
    case 'EACCES':
    case 'EPERM':
      return new InputError('INPUT_UNREADABLE', source, `${source}: permission denied`, { cause: err });
    case 'EISDIR':
      return new InputError('INPUT_IS_DIRECTORY', source, `${source}: is a directory, not a log file`, { cause: err });
    case 'ELOOP':
      return new InputError('INPUT_UNREADABLE', source, `${source}: too many symbolic links (a loop?)`, { cause: err });
    case 'ENOTDIR':
      return new InputError('INPUT_NOT_FOUND', source, `${source}: no such file (a part of the path is not a directory)`, { cause: err });
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
    case 'Z_STREAM_ERROR':
      // The checksum at a member's end: the data unpacked, but not to what was packed. The
      // damage is somewhere in it; text after it may be garbled (and counted as not understood).
      if (/incorrect (data|length) check/.test(why)) {
        return new InputError('INPUT_CORRUPT', source, `${source}: corrupt gzip data (${why}): the text unpacked but is not what was packed; lines after the damage may be garbled`, { cause: err });
      }
      return new InputError('INPUT_CORRUPT', source, `${source}: corrupt gzip data (${why}); lines read before the damage were kept`, { cause: err });
    default:
      if (/unexpected end of file/i.test(why)) {
        return new InputError('INPUT_CORRUPT', source, `${source}: truncated gzip file; lines read before the damage were kept`, { cause: err });
      }
      return new InputError('INPUT_UNREADABLE', source, `${source}: ${why}`, { cause: err });
  }
}
