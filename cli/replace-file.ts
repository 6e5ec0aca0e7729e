/**
 * Replaces a file's contents atomically, for the commands that rewrite the needs file
 * (`audit --write`, `optimize --write`): the new text goes to a temporary file in the same
 * directory (same file system, so the rename is atomic), is flushed to disk, and is renamed over
 * the original. A reader sees the old file or the new one, never half of either; a failure
 * leaves the original untouched and removes the temporary file.
 *
 * What it refuses (exit 2 at the CLI, the file untouched):
 * - a symbolic link: renaming over it would replace the link with a regular file and leave its
 *   target unchanged; the user names the target instead;
 * - anything but a regular file (a directory, a FIFO, a device);
 * - a file that changed since it was read (another writer, an editor's save): the edit was
 *   computed from the old text and would silently undo theirs.
 * The file's permission bits are kept. The temporary file is created exclusively (`wx`), so a
 * name planted in the directory is never followed.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Why a file was not replaced. */
export class ReplaceFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ReplaceFileError';
  }
}

/**
 * Writes `text` over `file`, whose contents were `expected` when read.
 * @throws ReplaceFileError when the file is a symlink or not a regular file, or changed since it was read.
 */
export function replaceFile(file: string, expected: string, text: string): void {
  const stat = lstatSync(file, { throwIfNoEntry: false });
  if (!stat) throw new ReplaceFileError(file, 'no longer exists; nothing was written');
  if (stat.isSymbolicLink()) {
    throw new ReplaceFileError(file, 'is a symbolic link; tracklayer replaces files atomically and would replace the link, not its target: pass the target file with --needs');
  }
  if (!stat.isFile()) throw new ReplaceFileError(file, 'is not a regular file; nothing was written');
  if (readFileSync(file, 'utf8') !== expected) {
    throw new ReplaceFileError(file, 'changed while tracklayer was working on it; nothing was written: run the command again');
  }
  const temporary = join(dirname(file), `.${basename(file)}.tracklayer-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', stat.mode & 0o7777);
  try {
    try {
      fchmodSync(fd, stat.mode & 0o7777); // exactly the original bits, whatever the umask
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
